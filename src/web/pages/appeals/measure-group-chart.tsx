// One appeal measure across the groups (regions, units or points) as horizontal bars in percent,
// with numerator and denominator in the tooltip. ECharts' tree-shaken core, as the other charts.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreImport from 'echarts-for-react/esm/core.js';
import type { MeasureGroup } from '../../api/appeals.ts';
import { defaultExport } from '../../lib/interop.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);
const ReactEChartsCore = defaultExport(ReactEChartsCoreImport);

export interface GroupBar {
  name: string;
  /** Percent with one decimal, or null when nothing was counted. */
  percent: number | null;
  numerator: number;
  denominator: number;
}

/** The bars of one measure, best first (or worst first for measures where lower is better). */
export function groupBars(groups: MeasureGroup[], measureKey: string, isLowerBetter: boolean, unnamed: string): GroupBar[] {
  const bars = groups.map((group) => {
    const measure = group.measures.find((candidate) => candidate.key === measureKey);
    return {
      name: group.name ?? group.key ?? unnamed,
      percent: measure?.rate === null || measure?.rate === undefined ? null : Math.round(measure.rate * 1000) / 10,
      numerator: measure?.numerator ?? 0,
      denominator: measure?.denominator ?? 0,
    };
  });
  return bars.sort((a, b) => (a.percent === null ? 1 : b.percent === null ? -1 : isLowerBetter ? a.percent - b.percent : b.percent - a.percent));
}

/** Horizontal bar chart of one measure per group. */
export function MeasureGroupChart({ bars, label, emptyLabel }: { bars: GroupBar[]; label: string; emptyLabel: string }) {
  const visible = 20;
  const height = Math.max(220, Math.min(bars.length, visible) * 28 + 60);
  const option = {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ dataIndex: number }>) => {
        const bar = bars[params[0]?.dataIndex ?? 0];
        if (!bar) return '';
        return `${bar.name}<br/>${label}: ${bar.percent === null ? emptyLabel : `${bar.percent}%`} (${bar.numerator} / ${bar.denominator})`;
      },
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: bars.map((bar) => bar.name), inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
    dataZoom: bars.length > visible ? [{ type: 'slider', yAxisIndex: 0, startValue: 0, endValue: visible - 1, width: 14, right: 4 }, { type: 'inside', yAxisIndex: 0 }] : [],
    series: [
      {
        name: label,
        type: 'bar',
        data: bars.map((bar) => bar.percent),
        itemStyle: { color: '#c62f2f' },
        barMaxWidth: 18,
        label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 },
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} data-testid="measure-group-chart" />;
}
