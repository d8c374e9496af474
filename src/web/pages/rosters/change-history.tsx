// The change history of one record (from its detail API): who changed what, when, with each
// changed field's value before and after.
import { Empty, Table, Tag, Typography } from 'antd';
import type { HistoryEntry } from '../../api/types.ts';
import { useI18n, type TextKey } from '../../i18n/i18n.tsx';
import { formatTime } from './roster-shared.tsx';

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A table of the record's changes, newest first. */
export function ChangeHistory({ entries }: { entries: HistoryEntry[] }) {
  const { t, hasText, language } = useI18n();
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
            return (
              <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
                {fields.map((field) => (
                  <div key={field}>
                    <Typography.Text strong>{fieldLabel(field)}</Typography.Text>
                    {language === 'zh' ? '：' : ': '}
                    <Typography.Text delete type="secondary">
                      {showValue(before[field])}
                    </Typography.Text>
                    {' → '}
                    <Typography.Text>{showValue(after[field])}</Typography.Text>
                  </div>
                ))}
                {typeof details.reason === 'string' && <Typography.Text type="secondary">{t('roster.historyReason', { reason: details.reason })}</Typography.Text>}
                {typeof details.file === 'string' && details.file && (
                  <Typography.Text type="secondary">{t('roster.historyFile', { file: details.file, row: showValue(details.row) })}</Typography.Text>
                )}
                {fields.length === 0 && typeof details.reason !== 'string' && typeof details.file !== 'string' && <Typography.Text type="secondary">—</Typography.Text>}
              </div>
            );
          },
        },
      ]}
    />
  );
}
