// A plan's measures beside the greedy baseline's: cards with the difference, and a bar chart.
import { Card, Col, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { PlanMeasures } from '../../api/matching.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { TextKey } from '../../i18n/i18n.tsx';
import { MeasuresChart } from '../../components/measures-chart.tsx';
import { formatPercent } from './matching-text.ts';

type ShareKey = 'coverage' | 'matchedAllNeeds' | 'matchedAnyNeed' | 'leadersMultiPoint';

const shares: { key: ShareKey; label: TextKey; hint: TextKey }[] = [
  { key: 'coverage', label: 'matching.measure.coverage', hint: 'matching.measure.coverageHint' },
  { key: 'matchedAllNeeds', label: 'matching.measure.matchedAll', hint: 'matching.measure.matchedAllHint' },
  { key: 'matchedAnyNeed', label: 'matching.measure.matchedAny', hint: 'matching.measure.matchedAnyHint' },
  { key: 'leadersMultiPoint', label: 'matching.measure.leaders', hint: 'matching.measure.leadersHint' },
];

function Difference({ value, baseline, isLowerBetter = false, unit }: { value: number; baseline: number | null; isLowerBetter?: boolean; unit: 'points' | 'plain' }) {
  const t = useT();
  if (baseline === null) return null;
  const delta = unit === 'points' ? (value - baseline) * 100 : value - baseline;
  if (Math.abs(delta) < 0.05) return <Tag>{t('matching.measure.same')}</Tag>;
  const isBetter = isLowerBetter ? delta < 0 : delta > 0;
  const text = `${delta > 0 ? '+' : ''}${delta.toFixed(unit === 'points' ? 1 : 2)}${unit === 'points' ? t('matching.measure.percentagePoints') : ''}`;
  return <Tag color={isBetter ? 'green' : 'red'}>{text}</Tag>;
}

/** Measure cards of the plan against the baseline, and the same as a chart. */
export function PlanMeasuresPanel({ measures, baseline }: { measures: PlanMeasures; baseline: PlanMeasures | null }) {
  const t = useT();
  return (
    <Row gutter={[16, 16]} data-testid="plan-measures">
      <Col xs={24} xl={14}>
        <Row gutter={[12, 12]}>
          {shares.map((share) => (
            <Col xs={12} md={8} key={share.key}>
              <Card size="small" style={{ height: '100%' }} data-testid={`measure-${share.key}`}>
                <Statistic
                  title={
                    <span>
                      {t(share.label)}{' '}
                      <Tooltip title={t(share.hint)}>
                        <QuestionCircleOutlined style={{ color: '#999' }} />
                      </Tooltip>
                    </span>
                  }
                  value={formatPercent(measures[share.key])}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('matching.measure.baseline')} {formatPercent(baseline?.[share.key])}{' '}
                </Typography.Text>
                <Difference value={measures[share.key]} baseline={baseline?.[share.key] ?? null} unit="points" />
              </Card>
            </Col>
          ))}
          <Col xs={12} md={8}>
            <Card size="small" style={{ height: '100%' }} data-testid="measure-averageDistance">
              <Statistic
                title={
                  <span>
                    {t('matching.measure.distance')}{' '}
                    <Tooltip title={t('matching.measure.distanceHint')}>
                      <QuestionCircleOutlined style={{ color: '#999' }} />
                    </Tooltip>
                  </span>
                }
                value={measures.averageDistance.toFixed(2)}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('matching.measure.baseline')} {baseline ? baseline.averageDistance.toFixed(2) : '—'}{' '}
              </Typography.Text>
              <Difference value={measures.averageDistance} baseline={baseline?.averageDistance ?? null} isLowerBetter unit="plain" />
            </Card>
          </Col>
          <Col xs={12} md={8}>
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={t('matching.measure.postings')} value={measures.postings} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('matching.measure.scale', { cadres: measures.cadres.toLocaleString(), points: measures.points.toLocaleString() })}
              </Typography.Text>
            </Card>
          </Col>
        </Row>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('matching.measure.chartTitle')} style={{ height: '100%' }}>
          <MeasuresChart
            planLabel={t('matching.measure.optimal')}
            baselineLabel={t('matching.measure.greedy')}
            measures={shares.map((share) => ({ label: t(share.label), value: measures[share.key], baseline: baseline?.[share.key] ?? null }))}
          />
        </Card>
      </Col>
    </Row>
  );
}
