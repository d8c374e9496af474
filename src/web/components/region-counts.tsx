// "干部 N · 联系点 M" in a muted style, used in the tree and the tables.
import { useI18n } from '../i18n/i18n.tsx';

/** The counts of one region, formatted for the current language. */
export function RegionCounts({ cadres, points }: { cadres: number; points: number }) {
  const { t, language } = useI18n();
  const format = (value: number) => value.toLocaleString(language === 'zh' ? 'zh-CN' : 'en');
  return (
    <span style={{ color: '#888', fontSize: 12, whiteSpace: 'nowrap' }} data-testid="region-counts">
      {t('common.counts', { cadres: format(cadres), points: format(points) })}
    </span>
  );
}
