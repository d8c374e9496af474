// "Why here" (为什么在这里): a posting's cost broken into its parts, and the next-best points with
// their reduced costs — how much the optimum would rise, at least, if the cadre went there instead.
// Offices may pin the posting, forbid it, or pin the cadre at one of the alternatives.
import { Alert, Button, Descriptions, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PushpinOutlined, StopOutlined } from '@ant-design/icons';
import { matchingApi, type Explanation, type PlanPosting } from '../../api/matching.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { categoryLabel, needLabel } from './matching-text.ts';

export interface RuleRequest {
  kind: 'pin' | 'forbid';
  cadreId: number;
  pointId: number;
  pointName: string;
}

/** The drawer for one posting of a plan; `onRule` asks the page to pin or forbid. */
export function WhyHereDrawer({ planId, posting, canAdjust, busyKey, onRule, onClose }: { planId: number; posting: PlanPosting | undefined; canAdjust: boolean; busyKey?: string; onRule(request: RuleRequest): void; onClose(): void }) {
  const { t, errorText, language } = useI18n();
  const why = useLoad<Explanation | undefined>(() => (posting ? matchingApi.explain(planId, posting.cadreId, posting.pointId) : Promise.resolve(undefined)), [planId, posting?.cadreId, posting?.pointId]);
  const explanation = why.data;
  const ruleKey = (kind: string, pointId: number) => `${kind}:${posting?.cadreId}:${pointId}`;

  return (
    <Drawer open={posting !== undefined} onClose={onClose} title={t('matching.why.title')} size={560} destroyOnHidden data-testid="why-here">
      {posting && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('matching.postings.cadre')}>
              {posting.cadreName} {posting.isLeader && <Tag color="red">{t('matching.postings.leader')}</Tag>}
              <div style={{ color: '#888', fontSize: 12 }}>
                {posting.unitName} · {categoryLabel(t, posting.category)}
              </div>
            </Descriptions.Item>
            <Descriptions.Item label={t('matching.postings.point')}>
              {posting.pointName}
              <div style={{ color: '#888', fontSize: 12 }}>{posting.regionPath}</div>
            </Descriptions.Item>
            <Descriptions.Item label={t('matching.postings.answered')}>{posting.answeredNeed ? needLabel(t, posting.answeredNeed) : t('common.none')}</Descriptions.Item>
          </Descriptions>
          {canAdjust && (
            <Space wrap>
              <Button
                icon={<PushpinOutlined />}
                loading={busyKey === ruleKey('pin', posting.pointId)}
                onClick={() => onRule({ kind: 'pin', cadreId: posting.cadreId, pointId: posting.pointId, pointName: posting.pointName })}
                data-testid="why-pin-current"
              >
                {t('matching.why.pinCurrent')}
              </Button>
              <Popconfirm title={t('matching.why.forbidConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => onRule({ kind: 'forbid', cadreId: posting.cadreId, pointId: posting.pointId, pointName: posting.pointName })}>
                <Button danger icon={<StopOutlined />} loading={busyKey === ruleKey('forbid', posting.pointId)}>
                  {t('matching.why.forbid')}
                </Button>
              </Popconfirm>
            </Space>
          )}
          {why.error !== undefined && <Alert type="error" showIcon title={errorText(why.error)} />}
          <div>
            <Typography.Title level={5}>{t('matching.why.parts')}</Typography.Title>
            <Table
              size="small"
              loading={why.isLoading}
              pagination={false}
              rowKey="name"
              dataSource={explanation?.parts ?? []}
              columns={[
                { title: t('matching.why.part'), key: 'label', render: (_: unknown, part: Explanation['parts'][number]) => (language === 'zh' ? part.label : part.labelEn) },
                { title: t('matching.why.cost'), dataIndex: 'cost', align: 'right' as const, render: (cost: number) => <span style={{ color: cost < 0 ? '#389e0d' : undefined }}>{cost}</span> },
              ]}
              summary={() =>
                explanation ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <strong>{t('matching.why.total')}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      <strong data-testid="why-total">{explanation.total}</strong>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
              data-testid="why-parts"
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('matching.why.alternatives')}</Typography.Title>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('matching.why.reducedCostHint')}
            </Typography.Paragraph>
            <Table
              size="small"
              loading={why.isLoading}
              pagination={false}
              rowKey="pointId"
              dataSource={explanation?.alternatives ?? []}
              locale={{ emptyText: t('matching.why.noAlternatives') }}
              columns={[
                {
                  title: t('matching.postings.point'),
                  key: 'point',
                  render: (_: unknown, item: Explanation['alternatives'][number]) => (
                    <div>
                      {item.pointName}
                      <div style={{ color: '#888', fontSize: 12 }}>{item.regionPath}</div>
                    </div>
                  ),
                },
                { title: t('matching.why.cost'), dataIndex: 'cost', align: 'right' as const },
                { title: t('matching.why.reducedCost'), dataIndex: 'reducedCost', align: 'right' as const, render: (value: number) => `+${value}` },
                ...(canAdjust
                  ? [
                      {
                        title: '',
                        key: 'pin',
                        render: (_: unknown, item: Explanation['alternatives'][number]) => (
                          <Button
                            size="small"
                            icon={<PushpinOutlined />}
                            loading={busyKey === ruleKey('pin', item.pointId)}
                            onClick={() => onRule({ kind: 'pin', cadreId: posting.cadreId, pointId: item.pointId, pointName: item.pointName })}
                            data-testid="why-pin-alternative"
                          >
                            {t('matching.why.pinHere')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
              data-testid="why-alternatives"
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
}
