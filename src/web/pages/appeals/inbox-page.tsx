// The inbox at /appeals/inbox (handling units, stationed cadres): what waits for the caller
// (`mine=true`), nearest deadline first, one card per case coloured by its deadline with the time
// left in words ("剩 3 小时", "超期 2 天").
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Pagination, Row, Segmented, Space, Spin, Typography } from 'antd';
import { appealsApi, deadlineColours, type AppealRow, type DeadlineColour } from '../../api/appeals.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { changePage, enumParam, formatCount, intParam, useUrlFilters } from '../rosters/roster-shared.tsx';
import { CaseMarkers, DeadlineTag, StateTag, useCategories, useNow } from './appeal-shared.tsx';
import { timeLeftText } from './appeal-text.ts';

const borderColours: Record<DeadlineColour, string> = { green: '#52c41a', yellow: '#faad14', red: '#ff4d4f' };

function parseInboxQuery(params: URLSearchParams) {
  return {
    colour: enumParam(params, 'colour', deadlineColours),
    page: intParam(params, 'page') ?? 1,
    pageSize: intParam(params, 'pageSize', { max: 200 }) ?? 20,
  };
}

function InboxCard({ row, now, categoryName }: { row: AppealRow; now: number; categoryName: string }) {
  const { t } = useI18n();
  const colour = row.colour ? borderColours[row.colour] : '#d9d9d9';
  return (
    <Card size="small" style={{ borderLeft: `4px solid ${colour}`, height: '100%' }} data-testid="inbox-card" data-colour={row.colour ?? 'none'}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Link to={`/appeals/${row.id}`} data-testid="appeal-link">
            <Typography.Text strong>{row.trackingCode}</Typography.Text>
          </Link>
          <StateTag state={row.state} />
        </Space>
        <Typography.Text ellipsis={{ tooltip: row.title }}>{row.title}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {categoryName} · {row.pointName ?? row.regionPath}
        </Typography.Text>
        <Space wrap size={4}>
          <DeadlineTag colour={row.colour} dueAt={row.dueAt} now={now} />
          {row.dueAt && (
            <Typography.Text strong style={{ color: row.colour === 'red' ? '#cf1322' : undefined }} data-testid="time-left">
              {timeLeftText(t, row.dueAt, now)}
            </Typography.Text>
          )}
        </Space>
        <CaseMarkers row={row} />
      </Space>
    </Card>
  );
}

/** The handler's and cadre's inbox. */
export function InboxPage() {
  const { t, errorText, language } = useI18n();
  const { filters, update } = useUrlFilters(parseInboxQuery);
  const categories = useCategories();
  const now = useNow();
  const list = useLoad(() => appealsApi.list({ ...filters, mine: true, sort: 'due' }), [JSON.stringify(filters)]);
  const items = list.data?.items ?? [];

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('appeals.inbox.title')}
        </Typography.Title>
        <Segmented<string>
          value={filters.colour ?? 'all'}
          onChange={(value) => update({ colour: value === 'all' ? undefined : (value as DeadlineColour) })}
          options={[{ value: 'all', label: t('common.all') }, ...(['red', 'yellow', 'green'] as const).map((colour) => ({ value: colour, label: t(`appeals.colour.${colour}`) }))]}
          data-testid="inbox-colour"
        />
      </Space>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />}
      <Spin spinning={list.isLoading}>
        {items.length === 0 && !list.isLoading ? (
          <Empty description={t('appeals.inbox.empty')} />
        ) : (
          <Row gutter={[12, 12]} data-testid="inbox">
            {items.map((row) => (
              <Col key={row.id} xs={24} md={12} xl={8}>
                <InboxCard row={row} now={now} categoryName={categories.nameOf(row.categoryCode, row.categoryName)} />
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      <Pagination
        align="end"
        current={filters.page}
        pageSize={filters.pageSize}
        total={list.data?.total ?? 0}
        showSizeChanger
        pageSizeOptions={[20, 50, 100]}
        showTotal={(total) => t('appeals.inbox.total', { total: formatCount(total, language) })}
        onChange={(page, pageSize) => changePage(update, filters.pageSize, page, pageSize)}
      />
    </div>
  );
}
