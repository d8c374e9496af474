// Pieces every appeal screen shares: the deadline colour as a tag with words (never colour
// alone), the state tag, the ladder level, supervision markers, category names in the current
// language, and a clock that ticks each minute for "time left" texts.
import { useEffect, useState } from 'react';
import { Space, Tag, Tooltip } from 'antd';
import { AlertOutlined, ClockCircleOutlined, LockOutlined } from '@ant-design/icons';
import { appealsApi, type AppealCategory, type AppealRow, type AppealState, type DeadlineColour } from '../../api/appeals.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatTime } from '../rosters/roster-shared.tsx';
import { timeLeftText } from './appeal-text.ts';

const colourTags: Record<DeadlineColour, string> = { green: 'success', yellow: 'warning', red: 'error' };
const stateColours: Partial<Record<AppealState, string>> = {
  registered: 'default',
  dispatched: 'blue',
  returned: 'orange',
  accepted: 'cyan',
  in_progress: 'processing',
  replied: 'purple',
  reviewed: 'geekblue',
  rectifying: 'volcano',
  closed: 'green',
  merged: 'default',
};

/** The current time, refreshed every minute (for "time left" texts). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The deadline colour as a tag with its meaning in words and, when asked, the time left. */
export function DeadlineTag({ colour, dueAt, now, isTimeShown = false }: { colour: DeadlineColour | null; dueAt: string | null; now: number; isTimeShown?: boolean }) {
  const { t, language } = useI18n();
  if (!colour || !dueAt) return <Tag data-testid="deadline-tag">{t('appeals.colour.none')}</Tag>;
  const text = isTimeShown ? `${t(`appeals.colour.${colour}`)} · ${timeLeftText(t, dueAt, now)}` : t(`appeals.colour.${colour}`);
  return (
    <Tooltip title={t('appeals.dueAt', { time: formatTime(dueAt, language) })}>
      <Tag color={colourTags[colour]} icon={<ClockCircleOutlined />} data-testid="deadline-tag" data-colour={colour}>
        {text}
      </Tag>
    </Tooltip>
  );
}

/** The state of a case in words. */
export function StateTag({ state }: { state: AppealState }) {
  const { t } = useI18n();
  return (
    <Tag color={stateColours[state]} data-testid="state-tag">
      {t(`appeals.state.${state}`)}
    </Tag>
  );
}

/** Where a case stands on the ladder 驻点工作队 → 乡镇 → 县直部门 → 市直部门. */
export function levelLabel(t: ReturnType<typeof useI18n>['t'], level: number): string {
  return level >= 0 && level <= 3 ? t(`appeals.level.${level as 0 | 1 | 2 | 3}`) : String(level);
}

/** Supervision, level and confidentiality markers of a case. */
export function CaseMarkers({ row }: { row: Pick<AppealRow, 'isSupervised' | 'level' | 'isConfidential' | 'meTooCount'> }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {row.isSupervised && (
        <Tag color="red" icon={<AlertOutlined />} data-testid="supervised-marker">
          {t('appeals.supervised')}
        </Tag>
      )}
      <Tag color={row.level >= 2 ? 'gold' : undefined} data-testid="level-marker">
        {levelLabel(t, row.level)}
      </Tag>
      {row.isConfidential && (
        <Tag icon={<LockOutlined />} data-testid="confidential-marker">
          {t('appeals.confidential')}
        </Tag>
      )}
      {row.meTooCount > 0 && <Tag color="blue">{t('appeals.meToo', { count: row.meTooCount })}</Tag>}
    </Space>
  );
}

let categoriesOnce: Promise<AppealCategory[]> | undefined;

/** The category catalogue (loaded once per page load) and names in the current language. */
export function useCategories() {
  const { language } = useI18n();
  const [categories, setCategories] = useState<AppealCategory[]>([]);
  useEffect(() => {
    let isCurrent = true;
    categoriesOnce ??= appealsApi.categories().catch((error: unknown) => {
      categoriesOnce = undefined;
      throw error;
    });
    categoriesOnce.then(
      (loaded) => {
        if (isCurrent) setCategories(loaded);
      },
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, []);
  const nameOf = (code: string, fallback?: string) => {
    const category = categories.find((candidate) => candidate.code === code);
    if (!category) return fallback ?? code;
    return language === 'zh' ? category.nameZh : category.nameEn;
  };
  const options = categories.map((category) => ({ value: category.code, label: language === 'zh' ? category.nameZh : category.nameEn }));
  return { categories, nameOf, options };
}
