// A plan county by county: a map coloured by the chosen share and the same figures as a table.
// Choosing a county (on the map or in the table) filters the postings below to it.
import { useState } from 'react';
import { Alert, Button, Card, Col, Row, Segmented, Table } from 'antd';
import type { PlanCounty } from '../../api/matching.ts';
import { useI18n, type TextKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { matchingApi } from '../../api/matching.ts';
import { CountyMap } from '../../components/county-map.tsx';
import { formatPercent } from './matching-text.ts';

type Metric = 'coverage' | 'matchedAllRate' | 'matchedAnyRate';
const metricLabels: Record<Metric, TextKey> = {
  coverage: 'matching.measure.coverage',
  matchedAllRate: 'matching.measure.matchedAll',
  matchedAnyRate: 'matching.measure.matchedAny',
};

/** Map and table of the plan's counties; `onSelect` receives a county code. */
export function PlanCounties({ planId, selected, onSelect }: { planId: number; selected?: string; onSelect(code: string | undefined, name?: string): void }) {
  const { t, errorText } = useI18n();
  const [metric, setMetric] = useState<Metric>('coverage');
  const counties = useLoad(() => matchingApi.counties(planId), [planId]);
  const rows = counties.data ?? [];
  const cityCodes = [...new Set(rows.map((county) => county.cityCode))].sort();

  return (
    <Card
      size="small"
      title={t('matching.counties.title')}
      extra={
        <Segmented<Metric>
          value={metric}
          onChange={setMetric}
          options={(Object.keys(metricLabels) as Metric[]).map((key) => ({ value: key, label: t(metricLabels[key]) }))}
          data-testid="county-metric"
        />
      }
      data-testid="plan-counties"
    >
      {counties.error !== undefined && <Alert type="error" showIcon title={errorText(counties.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          {cityCodes.length > 0 && (
            <CountyMap
              cityCodes={cityCodes}
              metricLabel={t(metricLabels[metric])}
              counties={rows.map((county) => ({
                code: county.code,
                name: county.name,
                value: county[metric],
                detail:
                  metric === 'coverage'
                    ? t('matching.counties.coveredOf', { covered: county.covered, points: county.points })
                    : t('matching.counties.matchedOf', { matched: metric === 'matchedAllRate' ? county.matchedAll : county.matchedAny, tagged: county.tagged }),
              }))}
              onSelect={(code) => onSelect(code === selected ? undefined : code, rows.find((county) => county.code === code)?.name)}
            />
          )}
        </Col>
        <Col xs={24} lg={14}>
          <Table<PlanCounty>
            rowKey="code"
            size="small"
            loading={counties.isLoading}
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
            scroll={{ x: 'max-content', y: 400 }}
            rowClassName={(county) => (county.code === selected ? 'ant-table-row-selected' : '')}
            onRow={(county) => ({ onClick: () => onSelect(county.code === selected ? undefined : county.code, county.name), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('matching.counties.county'), dataIndex: 'name', fixed: 'left' },
              { title: t('matching.counties.points'), dataIndex: 'points', sorter: (a, b) => a.points - b.points },
              { title: t('matching.measure.coverage'), dataIndex: 'coverage', render: formatPercent, sorter: (a, b) => a.coverage - b.coverage },
              { title: t('matching.counties.tagged'), dataIndex: 'tagged' },
              { title: t('matching.measure.matchedAll'), dataIndex: 'matchedAllRate', render: formatPercent, sorter: (a, b) => a.matchedAllRate - b.matchedAllRate },
              { title: t('matching.measure.matchedAny'), dataIndex: 'matchedAnyRate', render: formatPercent, sorter: (a, b) => a.matchedAnyRate - b.matchedAnyRate },
              { title: t('matching.counties.postings'), dataIndex: 'postings' },
              { title: t('matching.measure.distance'), dataIndex: 'averageDistance', render: (value: number) => value.toFixed(2), sorter: (a, b) => a.averageDistance - b.averageDistance },
            ]}
          />
          {selected && (
            <Button size="small" type="link" onClick={() => onSelect(undefined)}>
              {t('matching.counties.clear')}
            </Button>
          )}
        </Col>
      </Row>
    </Card>
  );
}
