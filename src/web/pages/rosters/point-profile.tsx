// A contact point's profile by type (villages: poor and minimum-income households, left-behind
// people, water, roads, sewage; communities; enterprises; schools and hospitals: size), with
// labels for the known keys and imported keys shown as written.
import { Descriptions, Empty } from 'antd';
import { useI18n, type TextKey } from '../../i18n/i18n.tsx';

/** The label of a profile key in the current language, or the key itself. */
export function useProfileLabels() {
  const { t, hasText } = useI18n();
  return {
    keyLabel: (key: string) => {
      const textKey = `points.profile.${key}`;
      return hasText(textKey) ? t(textKey as TextKey) : key;
    },
    valueLabel: (value: unknown) => {
      if (value === null || value === undefined || value === '') return '—';
      if (typeof value === 'boolean') return value ? t('roster.yes') : t('roster.no');
      const textKey = `points.profileValue.${String(value)}`;
      return hasText(textKey) ? t(textKey as TextKey) : String(value);
    },
  };
}

/** The profile as a list of labelled values. */
export function PointProfile({ profile }: { profile: Record<string, unknown> }) {
  const { t } = useI18n();
  const { keyLabel, valueLabel } = useProfileLabels();
  const entries = Object.entries(profile);
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.noProfile')} />;
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
      {entries.map(([key, value]) => (
        <Descriptions.Item key={key} label={keyLabel(key)}>
          {typeof value === 'object' && value !== null ? JSON.stringify(value) : valueLabel(value)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
