// Choropleth of counties (区县) drawn with ECharts from the committed Hebei county outlines
// (public/maps/hebei-counties.json, keyed by city code). Counties are matched by their NBS code,
// not by name: several cities have a 桥西区.
import { useEffect, useMemo, useState } from 'react';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreImport from 'echarts-for-react/esm/core.js';
import { Empty, Spin } from 'antd';
import { defaultExport } from '../lib/interop.ts';
import { useT } from '../i18n/i18n.tsx';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);
const ReactEChartsCore = defaultExport(ReactEChartsCoreImport);

type FeatureCollection = { type: 'FeatureCollection'; features: { properties: { name: string; code: string } }[] };
type CountyOutlines = Record<string, FeatureCollection>;

let outlines: Promise<CountyOutlines> | undefined;

/** The county outlines, fetched once per page load. */
function loadOutlines(): Promise<CountyOutlines> {
  outlines ??= fetch('/maps/hebei-counties.json').then((response) => {
    if (!response.ok) throw new Error(`county outlines: HTTP ${response.status}`);
    return response.json() as Promise<CountyOutlines>;
  });
  outlines.catch(() => (outlines = undefined));
  return outlines;
}

/** Registers (once) a map of the given cities' counties; returns its name. */
function registerCities(all: CountyOutlines, cityCodes: string[]): string {
  const name = `hebei-counties-${cityCodes.join('-')}`;
  if (!echarts.getMap(name)) {
    const features = cityCodes.flatMap((code) => all[code]?.features ?? []);
    echarts.registerMap(name, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1]);
  }
  return name;
}

export interface CountyValue {
  code: string;
  name: string;
  /** A share between 0 and 1. */
  value: number;
  /** Extra line for the tooltip (e.g. "312 / 320"). */
  detail?: string;
}

/** Counties of the given cities coloured by a share (red low, green high); clicking a county selects it. */
export function CountyMap({ cityCodes, counties, metricLabel, height = 420, onSelect }: { cityCodes: string[]; counties: CountyValue[]; metricLabel: string; height?: number; onSelect?: (code: string) => void }) {
  const t = useT();
  const [mapName, setMapName] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const cityKey = cityCodes.join(',');

  useEffect(() => {
    let isCurrent = true;
    loadOutlines().then(
      (all) => isCurrent && setMapName(registerCities(all, cityKey.split(','))),
      () => isCurrent && setFailed(true),
    );
    return () => {
      isCurrent = false;
    };
  }, [cityKey]);

  const option = useMemo(() => {
    const byCode = new Map(counties.map((county) => [county.code, county]));
    const values = counties.map((county) => county.value);
    const low = values.length ? Math.min(...values) : 0;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { name: string; value: number }) => {
          const county = byCode.get(params.name);
          if (!county) return params.name;
          return `${county.name}<br/>${metricLabel}：${(county.value * 100).toFixed(1)}%${county.detail ? `<br/>${county.detail}` : ''}`;
        },
      },
      visualMap: {
        // Most counties sit near 100%: the scale starts at 90% unless some county is lower.
        min: Math.min(0.9, Math.floor(low * 20) / 20),
        max: 1,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        text: ['100%', ''],
        formatter: (value: number) => `${(value * 100).toFixed(0)}%`,
        inRange: { color: ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850'] },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: true,
          top: 8,
          bottom: 56,
          label: { show: cityCodes.length === 1, fontSize: 10, formatter: (params: { name: string }) => byCode.get(params.name)?.name ?? '' },
          emphasis: { label: { show: true, formatter: (params: { name: string }) => byCode.get(params.name)?.name ?? '' } },
          itemStyle: { borderColor: '#fff', borderWidth: 0.6, areaColor: '#eee' },
          data: counties.map((county) => ({ name: county.code, value: county.value })),
        },
      ],
    };
  }, [counties, mapName, metricLabel, cityCodes.length]);

  if (failed) return <Empty description={t('matching.map.unavailable')} />;
  if (!mapName) return <div style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}><Spin /></div>;
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height, width: '100%' }}
      onEvents={onSelect ? { click: (params: { name: string }) => onSelect(params.name) } : undefined}
      data-testid="county-map"
    />
  );
}
