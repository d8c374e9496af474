// The change history of one record (from its detail API): who changed what, when, with each
// changed field's value before and after.
import { Empty, Table, Tag, Typography } from 'antd';
import type { HistoryEntry } from '../../api/types.ts';
import { useI18n, type TextKey } from '../../i18n/i18n.tsx';
import { formatTime } from './roster-shared.tsx';

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

type Side = 'before' | 'after';

// Fields whose values are vocabulary codes, and the prefix of their labels.
const vocabularies: Record<string, string> = {
  gender: 'roster.gender',
  category: 'roster.category',
  leadingBody: 'roster.leadingBody',
  type: 'roster.pointType',
  level: 'roster.unitLevel',
  programme: 'roster.programme',
};

/** A changed value as people read it: names for ids and codes, labels for vocabulary, lists joined. */
function useShowValue() {
  const { t, hasText } = useI18n();
  const label = (prefix: string, value: unknown) => {
    const key = `${prefix}.${String(value)}`;
    return hasText(key) ? t(key as TextKey) : String(value);
  };
  return (entry: HistoryEntry, field: string, side: Side): string => {
    const value = asRecord(entry[side])[field];
    if (value === null || value === undefined || value === '') return '—';
    const named = entry.names?.[field]?.[side];
    if (field === 'priorPosting') {
      const posting = asRecord(value);
      if (!posting.programme) return '—';
      const period = [posting.startsOn, posting.endsOn].filter(Boolean).join(' – ');
      return [label('roster.programme', posting.programme), named ?? posting.pointId, period].filter(Boolean).join(' · ');
    }
    if (named !== undefined) return named;
    if (field === 'phone' && value === 'set') return t('roster.historyPhoneSet');
    if (field === 'needs') {
      const severities = Object.entries(asRecord(value)).filter(([, severity]) => Number(severity) > 0);
      return severities.length ? severities.map(([tag, severity]) => `${label('roster.need', tag)}${String(severity)}`).join('、') : '—';
    }
    if (vocabularies[field]) return label(vocabularies[field], value);
    if (typeof value === 'boolean') return t(value ? 'roster.yes' : 'roster.no');
    if (Array.isArray(value)) return value.length ? value.map(String).join('、') : '—';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
}

/** A table of the record's changes, newest first. */
export function ChangeHistory({ entries }: { entries: HistoryEntry[] }) {
  const { t, hasText, language } = useI18n();
  const showValue = useShowValue();
  const fieldLabel = (field: string) => {
    const key = `roster.field.${field}`;
    return hasText(key) ? t(key as TextKey) : field;
  };
  const actionLabel = (action: string) => {
    const key = `audit.action.${action}`;
    return hasText(key) ? t(key as TextKey) : action;
  };
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roster.noHistory')} />;
  return (
    <Table<HistoryEntry>
      rowKey={(entry) => `${entry.action}:${entry.id}`}
      size="small"
      pagination={entries.length > 10 ? { pageSize: 10 } : false}
      dataSource={entries}
      scroll={{ x: 'max-content' }}
      data-testid="change-history"
      columns={[
        { title: t('roster.historyTime'), dataIndex: 'at', render: (at: string) => formatTime(at, language), width: 150 },
        { title: t('roster.historyActor'), dataIndex: 'actorName', width: 120 },
        { title: t('roster.historyAction'), dataIndex: 'action', render: (action: string) => <Tag>{actionLabel(action)}</Tag>, width: 140 },
        {
          title: t('roster.historyChanges'),
          key: 'changes',
          render: (_value, entry) => {
            const before = asRecord(entry.before);
            const after = asRecord(entry.after);
            const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
            const details = asRecord(entry.details);
            // An import's entries name their file and row.
            const file = [details.fileName, details.file].find((value): value is string => typeof value === 'string' && value !== '');
            return (
              <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
                {fields.map((field) => (
                  <div key={field}>
                    <Typography.Text strong>{fieldLabel(field)}</Typography.Text>
                    {language === 'zh' ? '：' : ': '}
                    <Typography.Text delete type="secondary">
                      {showValue(entry, field, 'before')}
                    </Typography.Text>
                    {' → '}
                    <Typography.Text>{showValue(entry, field, 'after')}</Typography.Text>
                  </div>
                ))}
                {typeof details.reason === 'string' && <Typography.Text type="secondary">{t('roster.historyReason', { reason: details.reason })}</Typography.Text>}
                {file && <Typography.Text type="secondary">{t('roster.historyFile', { file, row: String(details.rowNumber ?? details.row ?? '—') })}</Typography.Text>}
                {fields.length === 0 && typeof details.reason !== 'string' && !file && <Typography.Text type="secondary">—</Typography.Text>}
              </div>
            );
          },
        },
      ]}
    />
  );
}
