// Words and number formats shared by the matching screens: statuses, phases, categories, needs.
import type { TextKey, Translate } from '../../i18n/i18n.tsx';
import type { Category, NeedTag, PlanStatus } from '../../api/matching.ts';

/** A share as a percentage with one decimal ("97.3%"). */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** Tag colour of a plan status. */
export const statusColors: Record<PlanStatus, string> = {
  queued: 'default',
  running: 'processing',
  solved: 'blue',
  failed: 'error',
  published: 'success',
  superseded: 'default',
};

/** The status in words. */
export function statusLabel(t: Translate, status: PlanStatus): string {
  return t(`matching.status.${status}` as TextKey);
}

/** The department category in words (政法, 党群, 经济…). */
export function categoryLabel(t: Translate, category: Category | string): string {
  return t(`matching.category.${category}` as TextKey);
}

/** The need in words (乱, 难, 穷). */
export function needLabel(t: Translate, need: NeedTag | string): string {
  return t(`matching.need.${need}` as TextKey);
}

const phases = ['queued', 'loading', 'building', 'solving', 'pricing', 'assigning', 'saving', 'done', 'failed'];

/**
 * The optimizer's phase in words: "solving (round 2)" → "精确求解（第 2 轮）", and "… · 1.2 M pivots" adds the
 * pivots so far. Unknown phases are shown as they are.
 */
export function phaseLabel(t: Translate, phase: string): string {
  const match = /^([a-z]+)(?:[a-z ]*)?(?:\(round (\d+)\))?(?: · ([\d.]+) M pivots)?/.exec(phase.trim());
  const word = match?.[1];
  if (!word || !phases.includes(word)) return phase;
  const label = t(`matching.phase.${word}` as TextKey);
  const withRound = match[2] ? t('matching.phase.round', { phase: label, round: match[2] }) : label;
  return match[3] ? `${withRound} · ${t('matching.phase.pivots', { count: match[3] })}` : withRound;
}

/** A date-time in the reader's language. */
export function formatTime(value: string | null, language: 'zh' | 'en'): string {
  return value ? new Date(value).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '—';
}
