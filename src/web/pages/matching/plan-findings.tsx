// What a reviewer checks beside the measures: broken hard rules in plain sentences, the difference
// from the plan published before, and the office's pins and forbids that the next run will respect.
import { Alert, Button, Card, Empty, List, Popconfirm, Space, Statistic, Tag, Typography } from 'antd';
import { CheckCircleOutlined, PushpinOutlined, StopOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { matchingApi, type MatchingRule, type RuleBreak } from '../../api/matching.ts';
import { useI18n, type TextKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { formatTime } from './matching-text.ts';

/** Broken hard rules: one sentence per short county, then every break by name. */
export function PlanBreaksCard({ planId }: { planId: number }) {
  const { t, errorText, language } = useI18n();
  const breaks = useLoad(() => matchingApi.breaks(planId), [planId]);
  const data = breaks.data;
  const text = (item: { message: string; messageEn: string }) => (language === 'zh' ? item.message : item.messageEn);
  return (
    <Card size="small" title={t('matching.breaks.title')} loading={breaks.isLoading && !data} style={{ height: '100%' }} data-testid="plan-breaks">
      {breaks.error !== undefined && <Alert type="error" showIcon title={errorText(breaks.error)} />}
      {data && data.total === 0 && (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('matching.breaks.none')} data-testid="no-breaks" />
      )}
      {data && data.total > 0 && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {data.counties.map((county) => (
            <Alert key={county.code} type="warning" showIcon title={text(county)} data-testid="county-shortfall" />
          ))}
          <List<RuleBreak>
            size="small"
            header={
              <Space wrap size={4} data-testid="breaks-by-rule">
                <Typography.Text type="secondary">{t('matching.breaks.count', { total: data.total })}</Typography.Text>
                {Object.entries(data.byRule).map(([rule, count]) => (
                  <Tag key={rule}>
                    {t(`matching.breaks.rule.${rule}` as TextKey)} {count}
                  </Tag>
                ))}
              </Space>
            }
            dataSource={data.items}
            pagination={data.items.length > 8 ? { pageSize: 8, size: 'small' } : false}
            renderItem={(item) => (
              <List.Item>
                <Space>
                  <Tag color="orange">{t(`matching.breaks.rule.${item.rule}` as TextKey)}</Tag>
                  <span>{text(item)}</span>
                </Space>
              </List.Item>
            )}
          />
        </Space>
      )}
    </Card>
  );
}

/** Cadres who stay, move, join or leave against the plan published before this one. */
export function PlanDifferenceCard({ planId }: { planId: number }) {
  const { t, errorText, language } = useI18n();
  const difference = useLoad(() => matchingApi.difference(planId), [planId]);
  const data = difference.data;
  return (
    <Card size="small" title={t('matching.difference.title')} loading={difference.isLoading && !data} style={{ height: '100%' }} data-testid="plan-difference">
      {difference.error !== undefined && <Alert type="error" showIcon title={errorText(difference.error)} />}
      {data && !data.previous && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matching.difference.none')} />}
      {data?.previous && (
        <>
          <Typography.Paragraph type="secondary">
            {t('matching.difference.against', { id: data.previous.id, time: formatTime(data.previous.publishedAt, language) })}{' '}
            <Link to={`/plans/${data.previous.id}`}>#{data.previous.id}</Link>
          </Typography.Paragraph>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(90px, 1fr))', gap: 12 }}>
            <Statistic title={t('matching.difference.stayed')} value={data.stayed} />
            <Statistic title={t('matching.difference.moved')} value={data.moved} styles={{ content: { color: data.moved ? '#d46b08' : undefined } }} />
            <Statistic title={t('matching.difference.joined')} value={data.joined} />
            <Statistic title={t('matching.difference.left')} value={data.left} />
          </div>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
            {t('matching.difference.postings', { kept: data.keptPostings, postings: data.postings, previous: data.previousPostings })}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}

/** The pins and forbids of the campaign in this region; removing one takes effect on the next run. */
export function PlanRulesCard({ rules, canAdjust, onRemove }: { rules: MatchingRule[]; canAdjust: boolean; onRemove(rule: MatchingRule): void }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('matching.rules.title')} style={{ height: '100%' }} data-testid="plan-rules">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('matching.rules.hint')}
      </Typography.Paragraph>
      <List<MatchingRule>
        size="small"
        dataSource={rules}
        locale={{ emptyText: t('matching.rules.empty') }}
        pagination={rules.length > 6 ? { pageSize: 6, size: 'small' } : false}
        renderItem={(rule) => (
          <List.Item
            actions={
              canAdjust
                ? [
                    <Popconfirm key="remove" title={t('matching.rules.removeConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => onRemove(rule)}>
                      <Button type="link" size="small" danger>
                        {t('matching.rules.remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
            data-testid="plan-rule"
          >
            <Space>
              {rule.kind === 'pin' ? (
                <Tag icon={<PushpinOutlined />} color="gold">
                  {t('matching.rules.pin')}
                </Tag>
              ) : (
                <Tag icon={<StopOutlined />} color="red">
                  {t('matching.rules.forbid')}
                </Tag>
              )}
              <span>
                {rule.cadreName} → {rule.pointName}
              </span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
