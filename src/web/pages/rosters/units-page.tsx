// The org-unit roster at /rosters/units: a server-paginated table with its total, filters kept in
// the URL (region subtree, level, category, search by name, pinyin, initials or unit code), and an
// export of the same list. The API orders units by region, then name.
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { categories, unitLevels, type Unit, type UnitQuery } from '../../api/types.ts';
import { hasPermission, useProfile } from '../../auth/auth.tsx';
import { RegionPicker } from '../../components/region-picker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { ExportButton } from './export-button.tsx';
import { changePage, enumParam, exportFilters, formatCount, intParam, textParam, useSearchBox, useUrlFilters, vocabularyOptions } from './roster-shared.tsx';

function parseUnitQuery(params: URLSearchParams) {
  return {
    regionCode: textParam(params, 'regionCode'),
    level: enumParam(params, 'level', unitLevels),
    category: enumParam(params, 'category', categories),
    q: textParam(params, 'q'),
    page: intParam(params, 'page') ?? 1,
    pageSize: intParam(params, 'pageSize', { max: 200 }) ?? 20,
  } satisfies UnitQuery;
}

/** The org-unit list screen. */
export function UnitsPage() {
  const { t, errorText, language } = useI18n();
  const profile = useProfile();
  const { filters, update } = useUrlFilters(parseUnitQuery);
  const searchBox = useSearchBox(filters.q, (q) => update({ q }));
  const options = vocabularyOptions(t);

  const list = useLoad(() => api.units(filters), [JSON.stringify(filters)]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('units.title')}
        </Typography.Title>
        <Space wrap>
          {hasPermission(profile, 'rosters.import') && (
            <Link to="/rosters/import?kind=units">
              <Button icon={<ImportOutlined />}>{t('roster.import')}</Button>
            </Link>
          )}
          <ExportButton kind="units" filters={exportFilters(filters)} />
        </Space>
      </Space>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: 8 }}>
          <Input.Search
            allowClear
            {...searchBox}
            placeholder={t('units.searchPlaceholder')}
            style={{ width: 280 }}
            maxLength={40}
            data-testid="roster-search"
          />
          <RegionPicker value={filters.regionCode} onChange={(regionCode) => update({ regionCode })} style={{ flex: '1 1 460px', minWidth: 280 }} />
          <Select allowClear placeholder={t('units.filterLevel')} style={{ width: 130 }} value={filters.level} onChange={(level) => update({ level })} options={options.unitLevels} />
          <Select allowClear placeholder={t('roster.filterCategory')} style={{ width: 140 }} value={filters.category} onChange={(category) => update({ category })} options={options.categories} />
        </div>
      </Card>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />}
      <Card size="small">
        <Table<Unit>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          data-testid="units-table"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('units.total', { total: formatCount(total, language) }),
            onChange: (page, pageSize) => changePage(update, filters.pageSize, page, pageSize),
          }}
          columns={[
            { title: t('roster.field.name'), dataIndex: 'name', fixed: 'left', render: (name: string, unit) => <Link to={`/rosters/units/${unit.id}`}>{name}</Link> },
            { title: t('roster.field.code'), dataIndex: 'code' },
            { title: t('roster.field.level'), dataIndex: 'level', render: (level: Unit['level']) => t(`roster.unitLevel.${level}`) },
            { title: t('roster.field.category'), dataIndex: 'category', render: (category: Unit['category']) => t(`roster.category.${category}`) },
            { title: t('roster.field.leadingBody'), dataIndex: 'leadingBody', render: (body: Unit['leadingBody']) => (body ? <Tag color="red">{t(`roster.leadingBody.${body}`)}</Tag> : null) },
            { title: t('roster.field.regionCode'), dataIndex: 'regionName' },
            { title: t('roster.field.parentId'), dataIndex: 'parentName', render: (name: string | null, unit) => (name && unit.parentId ? <Link to={`/rosters/units/${unit.parentId}`}>{name}</Link> : '—') },
            {
              title: t('units.cadreCount'),
              dataIndex: 'cadres',
              align: 'right',
              render: (count: number, unit) => <Link to={`/rosters/cadres?unitId=${unit.id}`}>{formatCount(count, language)}</Link>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
