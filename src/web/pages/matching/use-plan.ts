// Loads one plan and keeps polling it while the optimizer runs, so the progress bar moves.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isPlanRunning, matchingApi, type PlanDetail } from '../../api/matching.ts';

const pollMs = 1000;

export interface PlanState {
  plan: PlanDetail | undefined;
  error: unknown;
  reload(): void;
  /** Takes a plan the server answered with (after pin, publish…) without another request. */
  replace(plan: PlanDetail): void;
}

/** The plan with the given id; polled every second while queued or running. */
export function usePlan(id: number): PlanState {
  const [plan, setPlan] = useState<PlanDetail | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [round, setRound] = useState(0);
  const ticket = useRef(0);

  useEffect(() => {
    const mine = ++ticket.current;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      matchingApi.plan(id).then(
        (loaded) => {
          if (mine !== ticket.current) return;
          setPlan(loaded);
          setError(undefined);
          if (isPlanRunning(loaded)) timer = setTimeout(load, pollMs);
        },
        (caught: unknown) => {
          if (mine !== ticket.current) return;
          setError(caught);
        },
      );
    };
    load();
    return () => {
      ticket.current += 1;
      clearTimeout(timer);
    };
  }, [id, round]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  const replace = useCallback((next: PlanDetail) => setPlan(next), []);
  // An answer about another plan (the id just changed) is not this plan.
  return { plan: plan?.id === id ? plan : undefined, error, reload, replace };
}
