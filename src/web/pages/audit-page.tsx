// Recent audit entries of the user's scope, newest first, with an action filter, "load more"
// paging by id, and the before/after JSON in an expandable row.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api/client.ts';
import type { AuditEntry } from '../api/types.ts';
import { useI18n, type TextKey } from '../i18n/i18n.tsx';

const pageSize = 50;
const knownActions = [
  'account.created',
  'account.updated',
  'account.password_changed',
  'account.cadre_logins_issued',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'cadre.updated',
  'point.updated',
  'unit.updated',
  'personal_data.revealed',
];

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, margin: '4px 0 0', maxHeight: 320, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** The audit screen at /audit. */
export function AuditPage() {
  const { t, errorText, hasText, language } = useI18n();
  const [action, setAction] = useState<string | undefined>(undefined);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const [isLoading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const load = async (beforeId: number | undefined, replace: boolean) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.audit({ action, beforeId, limit: pageSize });
      setEntries((previous) => (replace ? page : [...previous, ...page]));
      setHasMore(page.length === pageSize);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(undefined, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action]);

  const actionLabel = (value: string) => {
    const key = `audit.action.${value}`;
    return hasText(key) ? t(key as TextKey) : value;
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Select<string>
          allowClear
          placeholder={t('audit.allActions')}
          style={{ width: 220 }}
          value={action}
          onChange={setAction}
          options={knownActions.map((value) => ({ value, label: actionLabel(value) }))}
        />
      </Space>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} />}
      <Card size="small">
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={isLoading && entries.length === 0}
          dataSource={entries}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty /> }}
          expandable={{
            expandedRowRender: (entry) => (
              <Row gutter={[16, 16]}>
                <Col xs={24} md={entry.details ? 8 : 12}>
                  <JsonBlock title={t('audit.before')} value={entry.before} />
                </Col>
                <Col xs={24} md={entry.details ? 8 : 12}>
                  <JsonBlock title={t('audit.after')} value={entry.after} />
                </Col>
                {entry.details !== null && entry.details !== undefined && (
                  <Col xs={24} md={8}>
                    <JsonBlock title={t('audit.details')} value={entry.details} />
                  </Col>
                )}
              </Row>
            ),
          }}
          columns={[
            { title: t('audit.time'), dataIndex: 'at', render: (value: string) => new Date(value).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB') },
            { title: t('audit.actor'), dataIndex: 'actorName' },
            { title: t('audit.action'), dataIndex: 'action', render: (value: string) => <Tag color={value.endsWith('failed') ? 'red' : 'blue'}>{actionLabel(value)}</Tag> },
            { title: t('audit.entity'), key: 'entity', render: (_value, entry) => `${entry.entityType}${entry.entityId ? ` #${entry.entityId}` : ''}` },
            { title: t('audit.region'), dataIndex: 'regionCode' },
          ]}
        />
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          {hasMore ? (
            <Button onClick={() => void load(entries[entries.length - 1]?.id, false)} loading={isLoading} disabled={entries.length === 0}>
              {t('audit.loadMore')}
            </Button>
          ) : (
            entries.length > 0 && <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>
          )}
        </div>
      </Card>
    </div>
  );
}
