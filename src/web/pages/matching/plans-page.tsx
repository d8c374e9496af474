// Plans (对口蹲点方案): every optimizer run the user may see, newest first, with its status, region,
// measures and a live progress bar while it runs; offices start new runs here.
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { isPlanRunning, matchingApi, type PlanSummary } from '../../api/matching.ts';
import { useProfile } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { NewPlanDialog } from './new-plan-dialog.tsx';
import { PlanProgress } from './plan-progress.tsx';
import { formatPercent, formatTime, statusColors, statusLabel } from './matching-text.ts';

/** Offices of the province or of a city may start runs (county offices review their part). */
export function canStartPlans(profile: { role: string; regionCode: string }): boolean {
  return (profile.role === 'office' || profile.role === 'admin') && profile.regionCode.length <= 4;
}

/** The plans screen at /plans. */
export function PlansPage() {
  const { t, errorText, language } = useI18n();
  const profile = useProfile();
  const navigate = useNavigate();
  const [isCreating, setCreating] = useState(false);
  const list = useLoad(() => matchingApi.plans(), []);
  const plans = list.data;

  // While a plan runs, the list refreshes itself so its progress bar moves.
  const isAnyRunning = plans?.some(isPlanRunning) ?? false;
  const { reload } = list;
  useEffect(() => {
    if (!isAnyRunning) return;
    const timer = setInterval(reload, 1500);
    return () => clearInterval(timer);
  }, [isAnyRunning, reload]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('matching.plans.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('matching.plans.subtitle')}</Typography.Text>
        </div>
        {canStartPlans(profile) && (
          <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setCreating(true)} data-testid="new-plan">
            {t('matching.plans.new')}
          </Button>
        )}
      </Space>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />}
      <Card size="small">
        <Table<PlanSummary>
          rowKey="id"
          size="middle"
          loading={list.isLoading && !plans}
          dataSource={plans ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('matching.plans.empty') }}
          onRow={(plan) => ({ onDoubleClick: () => navigate(`/plans/${plan.id}`) })}
          columns={[
            { title: t('matching.plans.id'), dataIndex: 'id', render: (id: number) => <Link to={`/plans/${id}`}>#{id}</Link> },
            { title: t('matching.plans.region'), dataIndex: 'regionName', render: (name: string, plan) => <Link to={`/plans/${plan.id}`}>{name}</Link> },
            {
              title: t('matching.plans.status'),
              key: 'status',
              render: (_value, plan) =>
                isPlanRunning(plan) ? (
                  <PlanProgress plan={plan} size="small" />
                ) : plan.status === 'failed' ? (
                  <Tooltip title={plan.error}>
                    <Tag color={statusColors.failed}>{statusLabel(t, plan.status)}</Tag>
                  </Tooltip>
                ) : (
                  <Tag color={statusColors[plan.status]}>{statusLabel(t, plan.status)}</Tag>
                ),
            },
            { title: t('matching.plans.created'), dataIndex: 'createdAt', render: (value: string) => formatTime(value, language) },
            {
              title: t('matching.measure.coverage'),
              key: 'coverage',
              render: (_value, plan) => formatPercent(plan.measures?.coverage),
            },
            { title: t('matching.measure.matchedAll'), key: 'matchedAll', render: (_value, plan) => formatPercent(plan.measures?.matchedAllNeeds) },
            { title: t('matching.measure.leaders'), key: 'leaders', render: (_value, plan) => formatPercent(plan.measures?.leadersMultiPoint) },
            {
              title: t('matching.plans.postings'),
              key: 'postings',
              render: (_value, plan) => (plan.measures ? t('matching.plans.postingsValue', { postings: plan.measures.postings.toLocaleString(), cadres: plan.measures.cadres.toLocaleString(), points: plan.measures.points.toLocaleString() }) : '—'),
            },
            {
              title: t('matching.plans.seconds'),
              key: 'seconds',
              render: (_value, plan) => (typeof plan.stats?.seconds === 'number' ? `${plan.stats.seconds.toFixed(1)} s` : '—'),
            },
            { title: t('matching.plans.published'), dataIndex: 'publishedAt', render: (value: string | null) => formatTime(value, language) },
          ]}
        />
      </Card>
      <NewPlanDialog
        isOpen={isCreating}
        onClose={() => setCreating(false)}
        onCreated={(plan) => {
          setCreating(false);
          // The queued plan goes along so its progress bar shows at once.
          navigate(`/plans/${plan.id}`, { state: { queued: plan } });
        }}
      />
    </div>
  );
}
