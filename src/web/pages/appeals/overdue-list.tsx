// Cases past their time limit in a region (GET /api/appeals/overdue), most overdue first, paged:
// the list the office presses (督办) from.
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Table, Typography } from 'antd';
import { appealsApi, type AppealState, type OverdueAppeal } from '../../api/appeals.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { formatCount } from '../rosters/roster-shared.tsx';
import { StateTag, useCategories, useNow } from './appeal-shared.tsx';
import { timeLeftText } from './appeal-text.ts';

/** The paged overdue list of a region. */
export function OverdueList({ regionCode, page, pageSize, onPage }: { regionCode?: string; page: number; pageSize: number; onPage: (page: number, pageSize: number) => void }) {
  const { t, errorText, language } = useI18n();
  const categories = useCategories();
  const now = useNow();
  const list = useLoad(() => appealsApi.overdue({ regionCode, page, pageSize }), [regionCode, page, pageSize]);
  return (
    <Card size="small" title={t('appeals.measures.overdueTitle')} data-testid="overdue-list">
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />}
      <Table<OverdueAppeal>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('appeals.list.total', { total: formatCount(total, language) }),
          onChange: onPage,
        }}
        columns={[
          { title: t('appeals.field.trackingCode'), dataIndex: 'trackingCode', render: (code: string, row) => <Link to={`/appeals/${row.id}`}>{code}</Link> },
          { title: t('appeals.field.title'), dataIndex: 'title', render: (title: string) => <Typography.Text ellipsis={{ tooltip: title }} style={{ maxWidth: 240 }}>{title}</Typography.Text> },
          { title: t('appeals.field.category'), dataIndex: 'categoryCode', render: (code: string, row) => categories.nameOf(code, row.categoryName) },
          { title: t('appeals.field.state'), dataIndex: 'state', render: (state: AppealState) => <StateTag state={state} /> },
          {
            title: t('appeals.field.overdue'),
            dataIndex: 'dueAt',
            render: (dueAt: string) => (
              <Typography.Text type="danger" data-testid="overdue-by">
                {timeLeftText(t, dueAt, now)}
              </Typography.Text>
            ),
          },
          { title: t('appeals.field.handlingUnit'), dataIndex: 'handlingUnitName', render: (name: string | null) => name ?? '—' },
          { title: t('appeals.field.region'), dataIndex: 'regionName' },
        ]}
      />
    </Card>
  );
}
