// Appeal measures at /appeals/measures: for a period and a region, one card per measure (rate with
// numerator and denominator), one measure across regions, units or points as a bar chart, and the
// overdue list. Filters live in the URL so a view can be shared.
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Segmented, Select, Space, Spin, Statistic, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { appealsApi, measureGroupings, measureKeys, type MeasureGrouping, type MeasureValue } from '../../api/appeals.ts';
import { RegionPicker } from '../../components/region-picker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { enumParam, formatCount, intParam, textParam, useUrlFilters } from '../rosters/roster-shared.tsx';
import { groupBars, MeasureGroupChart } from './measure-group-chart.tsx';
import { OverdueList } from './overdue-list.tsx';

/** Measures where a lower rate is the better one. */
const lowerIsBetter = new Set<string>(['reopen', 'return']);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function dateParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value && isoDate.test(value) ? value : undefined;
}

function parseMeasuresQuery(params: URLSearchParams) {
  return {
    regionCode: textParam(params, 'regionCode'),
    from: dateParam(params, 'from'),
    to: dateParam(params, 'to'),
    groupBy: enumParam(params, 'groupBy', measureGroupings) ?? 'region',
    measure: textParam(params, 'measure') ?? 'satisfaction',
    page: intParam(params, 'page') ?? 1,
    pageSize: intParam(params, 'pageSize', { max: 100 }) ?? 10,
  };
}

function percentText(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

function MeasureCard({ measure, isChosen, onChoose }: { measure: MeasureValue; isChosen: boolean; onChoose: () => void }) {
  const { t, hasText, language } = useI18n();
  const labelKey = `appeals.measure.${measure.key}`;
  const hintKey = `appeals.measureHint.${measure.key}`;
  return (
    <Card
      size="small"
      hoverable
      onClick={onChoose}
      style={{ height: '100%', borderColor: isChosen ? '#c62f2f' : undefined }}
      data-testid={`appeal-measure-${measure.key}`}
    >
      <Statistic
        title={
          <span>
            {hasText(labelKey) ? t(labelKey) : measure.key}{' '}
            {hasText(hintKey) && (
              <Tooltip title={t(hintKey)}>
                <QuestionCircleOutlined style={{ color: '#999' }} />
              </Tooltip>
            )}
          </span>
        }
        value={percentText(measure.rate)}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatCount(measure.numerator, language)} / {formatCount(measure.denominator, language)}
        {lowerIsBetter.has(measure.key) ? ` · ${t('appeals.measures.lowerBetter')}` : ''}
      </Typography.Text>
    </Card>
  );
}

/** The measures screen. */
export function AppealMeasuresPage() {
  const { t, hasText, errorText, language } = useI18n();
  const { filters, update } = useUrlFilters(parseMeasuresQuery);
  const measures = useLoad(
    () => appealsApi.measures({ regionCode: filters.regionCode, from: filters.from, to: filters.to, groupBy: filters.groupBy }),
    [filters.regionCode, filters.from, filters.to, filters.groupBy],
  );
  const data = measures.data;
  const keys = data ? data.total.map((measure) => measure.key) : [...measureKeys];
  const measureLabel = (key: string) => {
    const labelKey = `appeals.measure.${key}`;
    return hasText(labelKey) ? t(labelKey) : key;
  };
  const bars = data ? groupBars(data.groups, filters.measure, lowerIsBetter.has(filters.measure), t('appeals.measures.noGroupName')) : [];

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('appeals.measures.title')}
      </Typography.Title>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: 8 }}>
          <DatePicker.RangePicker
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
            placeholder={[t('appeals.list.from'), t('appeals.list.to')]}
            data-testid="measures-period"
          />
          <RegionPicker value={filters.regionCode} onChange={(regionCode) => update({ regionCode })} style={{ flex: '1 1 420px', minWidth: 280 }} />
          <Segmented<string>
            value={filters.groupBy}
            onChange={(groupBy) => update({ groupBy: groupBy as MeasureGrouping })}
            options={measureGroupings.map((grouping) => ({ value: grouping, label: t(`appeals.measures.groupBy.${grouping}`) }))}
            data-testid="measures-group-by"
          />
        </div>
        {data && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="measures-period-text">
            {t('appeals.measures.period', { from: data.period.from.slice(0, 10), to: data.period.to.slice(0, 10), cases: formatCount(data.cases, language) })}
          </Typography.Text>
        )}
      </Card>
      {measures.error !== undefined && <Alert type="error" showIcon title={errorText(measures.error)} action={<Button size="small" onClick={measures.reload}>{t('common.retry')}</Button>} />}
      <Spin spinning={measures.isLoading}>
        <Row gutter={[12, 12]} data-testid="appeal-measures">
          {(data?.total ?? []).map((measure) => (
            <Col key={measure.key} xs={12} md={8} xl={6} xxl={4}>
              <MeasureCard measure={measure} isChosen={measure.key === filters.measure} onChoose={() => update({ measure: measure.key }, { isPageKept: true })} />
            </Col>
          ))}
        </Row>
      </Spin>
      <Card
        size="small"
        title={t('appeals.measures.byGroup', { group: t(`appeals.measures.groupBy.${filters.groupBy}`) })}
        extra={
          <Space>
            <Select
              value={filters.measure}
              onChange={(measure: string) => update({ measure }, { isPageKept: true })}
              options={keys.map((key) => ({ value: key, label: measureLabel(key) }))}
              style={{ width: 180 }}
              data-testid="measures-chart-measure"
            />
          </Space>
        }
      >
        {bars.length === 0 ? <Empty description={t('appeals.measures.noGroups')} /> : <MeasureGroupChart bars={bars} label={measureLabel(filters.measure)} emptyLabel={t('appeals.measures.noCases')} />}
      </Card>
      <OverdueList
        regionCode={filters.regionCode}
        page={filters.page}
        pageSize={filters.pageSize}
        onPage={(page, pageSize) =>
          pageSize !== filters.pageSize ? update({ pageSize: pageSize === 10 ? undefined : pageSize }) : update({ page: page > 1 ? page : undefined }, { isPageKept: true })
        }
      />
    </div>
  );
}
