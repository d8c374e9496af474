// The case list at /appeals (campaign office, leaders): a server-paginated table with its total,
// filters kept in the URL (region subtree, states, category, channel, deadline colour, text, date
// range), sorting by intake or deadline, deadline colour in words and supervision/level markers.
import { Link } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Input, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { appealChannels, appealStates, appealsApi, deadlineColours, type AppealQuery, type AppealRow, type AppealState } from '../../api/appeals.ts';
import { RegionPicker } from '../../components/region-picker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { changePage, enumParam, formatCount, formatTime, intParam, textParam, useSearchBox, useUrlFilters } from '../rosters/roster-shared.tsx';
import { CaseMarkers, DeadlineTag, StateTag, useCategories, useNow } from './appeal-shared.tsx';

const sorts = ['created', 'due'] as const;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function parseStates(value: string | undefined): AppealState[] {
  return (value ?? '').split(',').filter((state): state is AppealState => (appealStates as readonly string[]).includes(state));
}

function dateParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value && isoDate.test(value) ? value : undefined;
}

function parseAppealQuery(params: URLSearchParams) {
  const states = parseStates(textParam(params, 'state'));
  return {
    regionCode: textParam(params, 'regionCode'),
    state: states.length > 0 ? states.join(',') : undefined,
    categoryCode: textParam(params, 'categoryCode'),
    channel: enumParam(params, 'channel', appealChannels),
    colour: enumParam(params, 'colour', deadlineColours),
    q: textParam(params, 'q'),
    from: dateParam(params, 'from'),
    to: dateParam(params, 'to'),
    issueId: intParam(params, 'issueId'),
    page: intParam(params, 'page') ?? 1,
    pageSize: intParam(params, 'pageSize', { max: 200 }) ?? 20,
    sort: enumParam(params, 'sort', sorts) ?? 'created',
  } satisfies AppealQuery;
}

/** The case list screen. */
export function AppealsPage() {
  const { t, errorText, language } = useI18n();
  const { filters, update } = useUrlFilters(parseAppealQuery);
  const searchBox = useSearchBox(filters.q, (q) => update({ q }));
  const categories = useCategories();
  const now = useNow();
  const list = useLoad(() => appealsApi.list(filters), [JSON.stringify(filters)]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('appeals.list.title')}
        {filters.issueId !== undefined && (
          <Tag closable onClose={() => update({ issueId: undefined })} style={{ marginInlineStart: 12, verticalAlign: 'middle' }} data-testid="issue-filter">
            {t('appeals.list.issue', { id: filters.issueId })}
          </Tag>
        )}
      </Typography.Title>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: 8 }}>
          <Input.Search allowClear {...searchBox} placeholder={t('appeals.list.searchPlaceholder')} style={{ width: 260 }} maxLength={60} data-testid="appeal-search" />
          <RegionPicker value={filters.regionCode} onChange={(regionCode) => update({ regionCode })} style={{ flex: '1 1 420px', minWidth: 280 }} />
          <Select<AppealState[]>
            mode="multiple"
            allowClear
            placeholder={t('appeals.list.filterState')}
            style={{ minWidth: 200 }}
            value={parseStates(filters.state)}
            onChange={(states) => update({ state: states.length > 0 ? states.join(',') : undefined })}
            options={appealStates.map((state) => ({ value: state, label: t(`appeals.state.${state}`) }))}
            maxTagCount="responsive"
            data-testid="filter-state"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('appeals.list.filterCategory')}
            style={{ width: 160 }}
            value={filters.categoryCode}
            onChange={(categoryCode: string | undefined) => update({ categoryCode })}
            options={categories.options}
            data-testid="filter-category"
          />
          <Select
            allowClear
            placeholder={t('appeals.list.filterChannel')}
            style={{ width: 140 }}
            value={filters.channel}
            onChange={(channel) => update({ channel })}
            options={appealChannels.map((channel) => ({ value: channel, label: t(`appeals.channel.${channel}`) }))}
            data-testid="filter-channel"
          />
          <Select
            allowClear
            placeholder={t('appeals.list.filterColour')}
            style={{ width: 130 }}
            value={filters.colour}
            onChange={(colour) => update({ colour })}
            options={deadlineColours.map((colour) => ({ value: colour, label: t(`appeals.colour.${colour}`) }))}
            data-testid="filter-colour"
          />
          <DatePicker.RangePicker
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
            placeholder={[t('appeals.list.from'), t('appeals.list.to')]}
          />
          <Select
            style={{ width: 170 }}
            value={filters.sort}
            onChange={(sort) => update({ sort: sort === 'created' ? undefined : sort })}
            options={sorts.map((value) => ({ value, label: t(`appeals.sort.${value}`) }))}
            prefix={t('roster.sortBy')}
            data-testid="appeal-sort"
          />
        </div>
      </Card>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />}
      <Card size="small">
        <Table<AppealRow>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          data-testid="appeals-table"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('appeals.list.total', { total: formatCount(total, language) }),
            onChange: (page, pageSize) => changePage(update, filters.pageSize, page, pageSize),
          }}
          columns={[
            {
              title: t('appeals.field.trackingCode'),
              dataIndex: 'trackingCode',
              fixed: 'left',
              render: (code: string, row) => (
                <Link to={`/appeals/${row.id}`} data-testid="appeal-link">
                  {code}
                </Link>
              ),
            },
            { title: t('appeals.field.title'), dataIndex: 'title', render: (title: string) => <Typography.Text ellipsis={{ tooltip: title }} style={{ maxWidth: 260 }}>{title}</Typography.Text> },
            { title: t('appeals.field.category'), dataIndex: 'categoryCode', render: (code: string, row) => categories.nameOf(code, row.categoryName) },
            { title: t('appeals.field.state'), dataIndex: 'state', render: (state: AppealState) => <StateTag state={state} /> },
            { title: t('appeals.field.deadline'), dataIndex: 'colour', render: (_: unknown, row) => <DeadlineTag colour={row.colour} dueAt={row.dueAt} now={now} isTimeShown /> },
            { title: t('appeals.field.markers'), key: 'markers', render: (_: unknown, row) => <CaseMarkers row={row} /> },
            { title: t('appeals.field.handlingUnit'), dataIndex: 'handlingUnitName', render: (name: string | null) => name ?? '—' },
            { title: t('appeals.field.region'), dataIndex: 'regionPath', render: (path: string, row) => (row.pointName ? `${path} · ${row.pointName}` : path) },
            { title: t('appeals.field.channel'), dataIndex: 'channel', render: (channel: AppealRow['channel']) => t(`appeals.channel.${channel}`) },
            { title: t('appeals.field.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatTime(at, language) },
          ]}
        />
      </Card>
    </div>
  );
}
