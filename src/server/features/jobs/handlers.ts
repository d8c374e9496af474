// Which use case runs each kind of background job.
import { preparePlanSession, runPlan } from '../matching/run-plan.ts';
import type { JobHandler } from './job-runner.ts';

export const jobHandlers: Record<string, JobHandler> = {
  'matching.run': async ({ database, payload }) => runPlan({ database, planId: (payload as { planId: number }).planId }),
  'matching.session': async ({ database, payload }) => preparePlanSession({ database, planId: (payload as { planId: number }).planId }),
};
