// Bar chart of cadres and contact points per child region, drawn with ECharts' tree-shaken core
// (only the bar chart, grid, tooltip, legend and data zoom are registered).
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreImport from 'echarts-for-react/esm/core.js';
import { defaultExport } from '../lib/interop.ts';
import type { ChildRegion } from '../api/types.ts';
import { useT } from '../i18n/i18n.tsx';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);
const ReactEChartsCore = defaultExport(ReactEChartsCoreImport);

/** Cadres and contact points of each child region, side by side. */
export function RegionBarChart({ regions, height = 360 }: { regions: ChildRegion[]; height?: number }) {
  const t = useT();
  const isCrowded = regions.length > 16;
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [t('common.cadres'), t('common.points')], top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: isCrowded ? 56 : 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: regions.map((region) => region.shortName || region.name),
      axisLabel: { interval: 0, rotate: regions.length > 8 ? 40 : 0, fontSize: 11 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    dataZoom: isCrowded ? [{ type: 'slider', startValue: 0, endValue: 15, height: 18, bottom: 8 }, { type: 'inside' }] : [],
    series: [
      { name: t('common.cadres'), type: 'bar', data: regions.map((region) => region.cadres), itemStyle: { color: '#c62f2f' }, barMaxWidth: 28 },
      { name: t('common.points'), type: 'bar', data: regions.map((region) => region.points), itemStyle: { color: '#f0a020' }, barMaxWidth: 28 },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} />;
}
