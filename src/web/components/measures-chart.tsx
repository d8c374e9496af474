// Bar chart of a plan's measures next to the greedy baseline's (shares in percent).
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreImport from 'echarts-for-react/esm/core.js';
import { defaultExport } from '../lib/interop.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
const ReactEChartsCore = defaultExport(ReactEChartsCoreImport);

export interface MeasureBar {
  label: string;
  /** Shares between 0 and 1. */
  value: number;
  baseline: number | null;
}

/** Each measure as two bars: this plan and the baseline. */
export function MeasuresChart({ measures, planLabel, baselineLabel, height = 260 }: { measures: MeasureBar[]; planLabel: string; baselineLabel: string; height?: number }) {
  const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: number) => `${value}%` },
    legend: { data: [planLabel, baselineLabel], top: 0 },
    grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: measures.map((measure) => measure.label), inverse: true },
    series: [
      { name: planLabel, type: 'bar', data: measures.map((measure) => percent(measure.value)), itemStyle: { color: '#c62f2f' }, barMaxWidth: 16, label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 } },
      { name: baselineLabel, type: 'bar', data: measures.map((measure) => percent(measure.baseline)), itemStyle: { color: '#aaa' }, barMaxWidth: 16, label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 } },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} data-testid="measures-chart" />;
}
