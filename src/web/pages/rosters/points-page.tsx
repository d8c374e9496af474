// The contact-point roster at /rosters/points: a server-paginated table with its total, filters
// kept in the URL (region subtree, type, need tag and severity, assigned or not, search by name, pinyin or
// initials), sorting, and an export of the same list.
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { needTags, pointTypes, type Point, type PointQuery } from '../../api/types.ts';
import { hasPermission, useProfile } from '../../auth/auth.tsx';
import { RegionPicker } from '../../components/region-picker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { ExportButton } from './export-button.tsx';
import { NeedTags } from './need-tags.tsx';
import { AssignedSelect, booleanParam, changePage, enumParam, exportFilters, formatCount, intParam, textParam, useSearchBox, useUrlFilters, vocabularyOptions } from './roster-shared.tsx';

const sorts = ['name', 'severity', 'population'] as const;

function parsePointQuery(params: URLSearchParams) {
  return {
    regionCode: textParam(params, 'regionCode'),
    type: enumParam(params, 'type', pointTypes),
    need: enumParam(params, 'need', needTags),
    minSeverity: intParam(params, 'minSeverity', { max: 3 }),
    assigned: booleanParam(params, 'assigned'),
    q: textParam(params, 'q'),
    page: intParam(params, 'page') ?? 1,
    pageSize: intParam(params, 'pageSize', { max: 200 }) ?? 20,
    sort: enumParam(params, 'sort', sorts) ?? 'name',
  } satisfies PointQuery;
}

/** The contact-point list screen. */
export function PointsPage() {
  const { t, errorText, language } = useI18n();
  const profile = useProfile();
  const { filters, update } = useUrlFilters(parsePointQuery);
  const searchBox = useSearchBox(filters.q, (q) => update({ q }));
  const options = vocabularyOptions(t);

  const list = useLoad(() => api.points(filters), [JSON.stringify(filters)]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('points.title')}
        </Typography.Title>
        <Space wrap>
          {hasPermission(profile, 'rosters.import') && (
            <Link to="/rosters/import?kind=points">
              <Button icon={<ImportOutlined />}>{t('roster.import')}</Button>
            </Link>
          )}
          <ExportButton kind="points" filters={exportFilters(filters)} />
        </Space>
      </Space>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: 8 }}>
          <Input.Search
            allowClear
            {...searchBox}
            placeholder={t('points.searchPlaceholder')}
            style={{ width: 280 }}
            maxLength={40}
            data-testid="roster-search"
          />
          <RegionPicker value={filters.regionCode} onChange={(regionCode) => update({ regionCode })} style={{ flex: '1 1 460px', minWidth: 280 }} />
          <Select allowClear placeholder={t('points.filterType')} style={{ width: 130 }} value={filters.type} onChange={(type) => update({ type })} options={options.pointTypes} />
          <Select allowClear placeholder={t('points.filterNeed')} style={{ width: 130 }} value={filters.need} onChange={(need) => update({ need })} options={options.needTags} />
          <Select
            allowClear
            placeholder={t('points.filterSeverity')}
            style={{ width: 150 }}
            value={filters.minSeverity}
            onChange={(minSeverity) => update({ minSeverity })}
            options={[1, 2, 3].map((value) => ({ value, label: t('points.severityAtLeast', { value }) }))}
          />
          <AssignedSelect value={filters.assigned} onChange={(assigned) => update({ assigned })} />
          <Select
            style={{ width: 190 }}
            value={filters.sort}
            onChange={(sort) => update({ sort: sort === 'name' ? undefined : sort })}
            options={sorts.map((value) => ({ value, label: t(`points.sort.${value}`) }))}
            prefix={t('roster.sortBy')}
          />
        </div>
      </Card>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />}
      <Card size="small">
        <Table<Point>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          data-testid="points-table"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('points.total', { total: formatCount(total, language) }),
            onChange: (page, pageSize) => changePage(update, filters.pageSize, page, pageSize),
          }}
          columns={[
            { title: t('roster.field.name'), dataIndex: 'name', fixed: 'left', render: (name: string, point) => <Link to={`/rosters/points/${point.id}`}>{name}</Link> },
            { title: t('roster.field.type'), dataIndex: 'type', render: (type: Point['type']) => t(`roster.pointType.${type}`) },
            { title: t('roster.field.regionCode'), dataIndex: 'regionPath' },
            { title: t('roster.field.needs'), dataIndex: 'needs', render: (needs: Point['needs']) => <NeedTags needs={needs} /> },
            { title: t('roster.field.households'), dataIndex: 'households', align: 'right', render: (value: number) => formatCount(value, language) },
            { title: t('roster.field.population'), dataIndex: 'population', align: 'right', render: (value: number) => formatCount(value, language) },
            { title: t('points.cadreRange'), key: 'cadres', render: (_value, point) => `${point.minCadres}–${point.maxCadres}` },
            { title: t('roster.field.externalId'), dataIndex: 'externalId', render: (value: string | null) => value ?? '—' },
          ]}
        />
      </Card>
    </div>
  );
}
