// The need tags of a contact point (乱 disorder / 难 difficulty / 穷 poverty) with their severity.
import { Space, Tag } from 'antd';
import { needTags, type NeedSeverities } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const colours = ['default', 'gold', 'orange', 'red'];

/** One tag per need with a severity above zero; a dash when the point has none. */
export function NeedTags({ needs }: { needs: NeedSeverities }) {
  const { t } = useI18n();
  const present = needTags.filter((tag) => needs[tag] > 0);
  if (present.length === 0) return <span style={{ color: '#999' }}>—</span>;
  return (
    <Space size={4} wrap>
      {present.map((tag) => (
        <Tag key={tag} color={colours[needs[tag]]} style={{ marginInlineEnd: 0 }}>
          {t(`roster.need.${tag}`)} {needs[tag]}
        </Tag>
      ))}
    </Space>
  );
}
