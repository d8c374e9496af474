// The charts of questionnaire results: counts per choice as horizontal bars (with the share of
// respondents), and a histogram of a numeric question. ECharts' tree-shaken core, as the other charts.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreImport from 'echarts-for-react/esm/core.js';
import { defaultExport } from '../../lib/interop.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);
const ReactEChartsCore = defaultExport(ReactEChartsCoreImport);

/** A number for display: whole numbers as they are, others to two decimals at most. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** Counts per choice; `base` is the number of respondents a share is taken of. */
export function ChoiceChart({ bars, base, countLabel }: { bars: { label: string; count: number }[]; base: number; countLabel: string }) {
  const height = Math.max(120, bars.length * 30 + 40);
  const option = {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ dataIndex: number }>) => {
        const bar = bars[params[0]?.dataIndex ?? 0];
        if (!bar) return '';
        const share = base > 0 ? `${formatNumber((bar.count / base) * 100)}%` : '—';
        return `${bar.label}<br/>${countLabel}: ${bar.count} (${share})`;
      },
    },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: bars.map((bar) => bar.label), inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      {
        name: countLabel,
        type: 'bar',
        data: bars.map((bar) => bar.count),
        itemStyle: { color: '#c62f2f' },
        barMaxWidth: 18,
        label: { show: true, position: 'right', fontSize: 11 },
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} />;
}

/** A histogram: one bar per bucket, labelled by its range. */
export function HistogramChart({ buckets, countLabel }: { buckets: { from: number; to: number; count: number }[]; countLabel: string }) {
  const labels = buckets.map((bucket) => (bucket.from === bucket.to ? formatNumber(bucket.from) : `${formatNumber(bucket.from)}–${formatNumber(bucket.to)}`));
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.some((label) => label.length > 6) ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: countLabel, type: 'bar', data: buckets.map((bucket) => bucket.count), itemStyle: { color: '#d4823c' }, barMaxWidth: 40, label: { show: true, position: 'top', fontSize: 11 } }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 200, width: '100%' }} />;
}
