// The full history of a case as a timeline: when, what, who (and for which unit), from which state
// to which, why, and the step's own facts (level, days asked, rating…) in words.
import { Space, Tag, Timeline, Typography } from 'antd';
import { appealChannels, appealRatings, solvedAnswers, type AppealChannel, type AppealEventRow, type AppealRating, type SolvedAnswer } from '../../api/appeals.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatTime } from '../rosters/roster-shared.tsx';
import { levelLabel } from './appeal-shared.tsx';
import { eventLabel, stateLabel } from './appeal-text.ts';

const warningEvents = new Set(['return', 'send_back', 'supervise', 'escalate', 'dispute', 'reopen', 'transfer']);
const doneEvents = new Set(['record_callback', 'answer_directly', 'approve_reply']);

function colourOf(entry: AppealEventRow): string {
  if (warningEvents.has(entry.event)) return 'red';
  if (entry.toState === 'closed' || doneEvents.has(entry.event)) return 'green';
  return 'blue';
}

/** The step's facts worth showing, in words. */
function useDetailTexts() {
  const { t, language } = useI18n();
  return (details: Record<string, unknown> | null): string[] => {
    if (!details) return [];
    const texts: string[] = [];
    const value = (key: string) => details[key];
    const channel = value('channel');
    if (typeof channel === 'string' && (appealChannels as readonly string[]).includes(channel)) texts.push(`${t('appeals.field.channel')}: ${t(`appeals.channel.${channel as AppealChannel}`)}`);
    if (typeof value('level') === 'number') texts.push(`${t('appeals.field.level')}: ${levelLabel(t, value('level') as number)}`);
    const days = value('extensionDays') ?? value('days');
    if (typeof days === 'number') texts.push(t('appeals.timeline.days', { days }));
    if (typeof value('approve') === 'boolean' || typeof value('approved') === 'boolean') {
      texts.push(value('approve') === true || value('approved') === true ? t('appeals.form.approveYes') : t('appeals.form.approveNo'));
    }
    if (typeof value('contacted') === 'boolean') texts.push(value('contacted') ? t('appeals.contacted.yes') : t('appeals.contacted.no'));
    const solved = value('solved');
    if (typeof solved === 'string' && (solvedAnswers as readonly string[]).includes(solved)) texts.push(t(`appeals.solved.${solved as SolvedAnswer}`));
    const rating = value('rating');
    if (typeof rating === 'string' && (appealRatings as readonly string[]).includes(rating)) texts.push(t(`appeals.rating.${rating as AppealRating}`));
    if (typeof value('targetAppealId') === 'number') texts.push(t('appeals.timeline.mergedInto', { id: value('targetAppealId') as number }));
    if (typeof value('issueId') === 'number') texts.push(`${t('appeals.field.issue')} #${value('issueId') as number}`);
    if (typeof value('dueAt') === 'string') texts.push(t('appeals.dueAt', { time: formatTime(value('dueAt') as string, language) }));
    if (typeof value('coUnitName') === 'string') texts.push(`${t('appeals.field.coUnits')}: ${value('coUnitName') as string}`);
    return texts;
  };
}

/** Every step of the case, oldest first. */
export function AppealTimeline({ events }: { events: AppealEventRow[] }) {
  const { t, hasText, language } = useI18n();
  const detailTexts = useDetailTexts();
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return (
    <Timeline
      data-testid="appeal-timeline"
      items={ordered.map((entry) => ({
        key: entry.id,
        color: colourOf(entry),
        content: (
          <div data-testid="timeline-entry" data-event={entry.event}>
            <Space wrap size={6}>
              <Typography.Text strong>{eventLabel(t, hasText, entry.event)}</Typography.Text>
              {entry.fromState && entry.fromState !== entry.toState ? (
                <Tag>
                  {stateLabel(t, hasText, entry.fromState)} → {stateLabel(t, hasText, entry.toState)}
                </Tag>
              ) : (
                <Tag>{stateLabel(t, hasText, entry.toState)}</Tag>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(entry.at, language)}
              </Typography.Text>
            </Space>
            <div>
              <Typography.Text type="secondary">
                {t(`appeals.actor.${entry.actorKind}`)} · {entry.actorName}
                {entry.unitName ? ` · ${entry.unitName}` : ''}
              </Typography.Text>
            </div>
            {entry.reason && (
              <div>
                <Typography.Text>
                  {entry.event === 'reply' ? t('appeals.field.reply') : t('appeals.timeline.reason')}: {entry.reason}
                </Typography.Text>
              </div>
            )}
            {detailTexts(entry.details).length > 0 && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {detailTexts(entry.details).join(' · ')}
                </Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
