// The optimizer's progress on a plan: a bar with the phase in words.
import { useEffect, useState } from 'react';
import { Progress, Space } from 'antd';
import type { PlanSummary } from '../../api/matching.ts';
import { useT } from '../../i18n/i18n.tsx';
import { phaseLabel, statusLabel } from './matching-text.ts';

/** Progress bar of a queued or running plan (or the end state of a finished one). */
export function PlanProgress({ plan, size = 'default' }: { plan: Pick<PlanSummary, 'status' | 'progress' | 'phase'>; size?: 'default' | 'small' }) {
  const t = useT();
  const phase = plan.status === 'queued' || !plan.phase ? statusLabel(t, plan.status) : phaseLabel(t, plan.phase);
  const percent = Math.round(Math.max(0, Math.min(1, plan.progress)) * 100);
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: size === 'small' ? 160 : undefined }} data-testid="plan-progress">
      <Progress
        percent={percent}
        size={size === 'small' ? 'small' : 'default'}
        status={plan.status === 'failed' ? 'exception' : plan.status === 'queued' || plan.status === 'running' ? 'active' : 'success'}
      />
      <div style={{ color: 'rgba(0, 0, 0, 0.45)', fontSize: size === 'small' ? 12 : 14 }} data-testid="plan-phase">
        {phase}
      </div>
    </Space>
  );
}

/** Seconds since the plan was created, ticking on the client (the server may be busy solving and answer late). */
export function ElapsedTime({ since }: { since: string }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.round((now - new Date(since).getTime()) / 1000));
  return <span data-testid="plan-elapsed">{t('matching.review.elapsed', { seconds })}</span>;
}
