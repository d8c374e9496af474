// Reviewing one plan at /plans/:id: its progress while the optimizer runs; then the measures
// against the greedy baseline, broken rules, the difference from the published plan, a county map
// and table, and every posting with "why here". Offices pin or forbid postings, run again (pins
// respected, moves kept few by the change cost) and publish.
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Breadcrumb, Button, Card, Col, Popconfirm, Result, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { hasPlanPostings, isPlanRunning, matchingApi, type PlanDetail, type PlanPosting, type PlanSummary } from '../../api/matching.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { editableWeights } from './new-plan-dialog.tsx';
import { formatTime, statusColors, statusLabel } from './matching-text.ts';
import { PlanBreaksCard, PlanDifferenceCard, PlanRulesCard } from './plan-findings.tsx';
import { PlanCounties } from './plan-counties.tsx';
import { PlanMeasuresPanel } from './plan-measures.tsx';
import { PlanPostings } from './plan-postings.tsx';
import { ElapsedTime, PlanProgress } from './plan-progress.tsx';
import { usePlan } from './use-plan.ts';
import { WhyHereDrawer, type RuleRequest } from './why-here-drawer.tsx';

/** The review screen of one plan; a new plan (after "run again") starts with fresh filters. */
export function PlanReviewPage() {
  const { id } = useParams();
  return <PlanReview key={id} planId={Number(id)} />;
}

function PlanReview({ planId }: { planId: number }) {
  const { t, errorText, language } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { plan, error, replace } = usePlan(planId);
  // A plan just queued from this console arrives with the navigation, so its progress shows before the first poll answers.
  const queuedState = (useLocation().state as { queued?: PlanSummary } | null)?.queued;
  const queued = queuedState?.id === planId ? queuedState : undefined;
  const [county, setCounty] = useState<{ code: string; name?: string } | undefined>(undefined);
  const [why, setWhy] = useState<PlanPosting | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [rulesChanged, setRulesChanged] = useState(false);

  if (error !== undefined && !plan) {
    if (error instanceof ApiError && error.status === 404) {
      return <Result status="404" title={t('matching.review.notFound')} extra={<Link to="/plans">{t('matching.review.backToPlans')}</Link>} />;
    }
    return <Alert type="error" showIcon title={errorText(error)} />;
  }
  if (!plan) return queued ? <QueuedPlan plan={queued} /> : <Skeleton active />;

  const act = async (key: string, action: () => Promise<void>) => {
    setBusy(key);
    setActionError(undefined);
    try {
      await action();
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(undefined);
    }
  };

  const applyRule = (request: RuleRequest) =>
    act(`${request.kind}:${request.cadreId}:${request.pointId}`, async () => {
      replace(await matchingApi.addRule(plan.id, { kind: request.kind, cadreId: request.cadreId, pointId: request.pointId }));
      setRulesChanged(true);
      message.success(t(request.kind === 'pin' ? 'matching.rules.pinned' : 'matching.rules.forbidden', { point: request.pointName }));
    });

  const runAgain = () =>
    act('run', async () => {
      const next = await matchingApi.createPlan({ regionCode: plan.regionCode, parentPlanId: plan.id, weights: editableWeights(plan.weights) });
      setRulesChanged(false);
      navigate(`/plans/${next.id}`, { state: { queued: next } });
    });

  const publish = () =>
    act('publish', async () => {
      replace(await matchingApi.publish(plan.id));
      message.success(t('matching.review.publishedMessage'));
    });

  const isRunning = isPlanRunning(plan);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="plan-review">
      <Breadcrumb items={[{ title: <Link to="/plans">{t('matching.plans.title')}</Link> }, { title: `#${plan.id}` }]} />
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('matching.review.title', { region: plan.regionName, id: plan.id })}{' '}
            <Tag color={statusColors[plan.status]} data-testid="plan-status">
              {statusLabel(t, plan.status)}
            </Tag>
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('matching.review.meta', { created: formatTime(plan.createdAt, language), finished: formatTime(plan.finishedAt, language) })}
            {plan.parentPlanId && (
              <>
                {' · '}
                {t('matching.review.parent')} <Link to={`/plans/${plan.parentPlanId}`}>#{plan.parentPlanId}</Link>
              </>
            )}
            {typeof plan.stats?.seconds === 'number' && ` · ${t('matching.review.solvedIn', { seconds: plan.stats.seconds.toFixed(1) })}`}
            {plan.stats?.certified === true && (
              <Tag color="green" style={{ marginInlineStart: 8 }}>
                {t('matching.review.certified')}
              </Tag>
            )}
            {plan.stats?.inPlace === true && (
              <Tooltip title={t('matching.review.inPlaceHint')}>
                <Tag color="blue" data-testid="plan-in-place">
                  {t('matching.review.inPlace')}
                </Tag>
              </Tooltip>
            )}
          </Typography.Text>
        </div>
        {plan.canAdjust && !isRunning && (
          <Space wrap>
            <Button type={rulesChanged ? 'primary' : 'default'} icon={<ReloadOutlined />} loading={busy === 'run'} onClick={() => void runAgain()} data-testid="run-again">
              {t('matching.review.runAgain')}
            </Button>
            {plan.status === 'solved' && (
              <Popconfirm title={t('matching.review.publishConfirm', { region: plan.regionName })} okText={t('matching.review.publish')} cancelText={t('common.cancel')} onConfirm={() => void publish()}>
                <Button type={rulesChanged ? 'default' : 'primary'} icon={<CloudUploadOutlined />} loading={busy === 'publish'} data-testid="publish-plan">
                  {t('matching.review.publish')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Space>
      {rulesChanged && !isRunning && <Alert type="info" showIcon title={t('matching.review.rulesChanged')} data-testid="rules-changed" />}
      {actionError !== undefined && <Alert type="error" showIcon closable={{ onClose: () => setActionError(undefined) }} title={errorText(actionError)} data-testid="plan-action-error" />}
      {isRunning && (
        <Card title={t('matching.review.running')}>
          <PlanProgress plan={plan} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            <ElapsedTime since={plan.createdAt} /> · {t('matching.review.runningHint')}
          </Typography.Paragraph>
        </Card>
      )}
      {plan.status === 'failed' && <Alert type="error" showIcon title={t('matching.review.failed')} description={plan.error} data-testid="plan-failed" />}
      {hasPlanPostings(plan) && <PlanReviewBody plan={plan} county={county} setCounty={setCounty} onWhy={setWhy} onRule={(request) => void applyRule(request)} busyKey={busy} onRemoveRule={(ruleId) => void act(`remove:${ruleId}`, async () => { replace(await matchingApi.removeRule(plan.id, ruleId)); setRulesChanged(true); })} />}
      <WhyHereDrawer planId={plan.id} posting={why} canAdjust={plan.canAdjust} busyKey={busy} onRule={(request) => void applyRule(request)} onClose={() => setWhy(undefined)} />
    </div>
  );
}

/** A plan just queued, until the server answers the first poll. */
function QueuedPlan({ plan }: { plan: PlanSummary }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="plan-review">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('matching.review.title', { region: plan.regionName, id: plan.id })}{' '}
        <Tag color={statusColors[plan.status]} data-testid="plan-status">
          {statusLabel(t, plan.status)}
        </Tag>
      </Typography.Title>
      <Card title={t('matching.review.running')}>
        <PlanProgress plan={plan} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          <ElapsedTime since={plan.createdAt} />
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

function PlanReviewBody({
  plan,
  county,
  setCounty,
  onWhy,
  onRule,
  onRemoveRule,
  busyKey,
}: {
  plan: PlanDetail;
  county: { code: string; name?: string } | undefined;
  setCounty(county: { code: string; name?: string } | undefined): void;
  onWhy(posting: PlanPosting): void;
  onRule(request: RuleRequest): void;
  onRemoveRule(ruleId: number): void;
  busyKey?: string;
}) {
  return (
    <>
      {plan.measures && <PlanMeasuresPanel measures={plan.measures} baseline={plan.baselineMeasures} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <PlanBreaksCard planId={plan.id} />
        </Col>
        <Col xs={24} md={12} lg={7}>
          <PlanDifferenceCard planId={plan.id} key={`${plan.id}:${plan.status}`} />
        </Col>
        <Col xs={24} md={12} lg={7}>
          <PlanRulesCard rules={plan.rules} canAdjust={plan.canAdjust} onRemove={(rule) => onRemoveRule(rule.id)} />
        </Col>
      </Row>
      <PlanCounties planId={plan.id} selected={county?.code} onSelect={(code, name) => setCounty(code ? { code, name } : undefined)} />
      <PlanPostings planId={plan.id} regionCode={county?.code} regionName={county?.name} canAdjust={plan.canAdjust} busyKey={busyKey} onWhy={onWhy} onRule={onRule} onClearRegion={() => setCounty(undefined)} />
    </>
  );
}
