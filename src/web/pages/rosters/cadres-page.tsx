// The cadre roster at /rosters/cadres: a server-paginated table with its total, filters kept in
// the URL (region subtree, unit, category, leader, programme, assigned or not, search by name, pinyin, initials
// or phone tail), sorting, masked phones with a logged reveal, and an export of the same list.
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { categories, programmes, type Cadre, type CadreQuery } from '../../api/types.ts';
import { hasPermission, useProfile } from '../../auth/auth.tsx';
import { RegionPicker } from '../../components/region-picker.tsx';
import { UnitSelect } from '../../components/unit-select.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { ExportButton } from './export-button.tsx';
import { PhoneReveal } from './phone-reveal.tsx';
import { AssignedSelect, booleanParam, changePage, enumParam, exportFilters, formatCount, intParam, textParam, useSearchBox, useUrlFilters, vocabularyOptions } from './roster-shared.tsx';

const sorts = ['name', 'birthYear', 'unit'] as const;

function parseCadreQuery(params: URLSearchParams) {
  return {
    regionCode: textParam(params, 'regionCode'),
    unitId: intParam(params, 'unitId'),
    category: enumParam(params, 'category', categories),
    isLeader: booleanParam(params, 'isLeader'),
    programme: enumParam(params, 'programme', [...programmes, 'any', 'none'] as const),
    assigned: booleanParam(params, 'assigned'),
    q: textParam(params, 'q'),
    page: intParam(params, 'page') ?? 1,
    pageSize: intParam(params, 'pageSize', { max: 200 }) ?? 20,
    sort: enumParam(params, 'sort', sorts) ?? 'name',
  } satisfies CadreQuery;
}

/** The cadre list screen. */
export function CadresPage() {
  const { t, errorText, language } = useI18n();
  const profile = useProfile();
  const { filters, update } = useUrlFilters(parseCadreQuery);
  const searchBox = useSearchBox(filters.q, (q) => update({ q }));
  const options = vocabularyOptions(t);
  const canReveal = hasPermission(profile, 'personal_data.reveal');

  const list = useLoad(() => api.cadres(filters), [JSON.stringify(filters)]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('cadres.title')}
        </Typography.Title>
        <Space wrap>
          {hasPermission(profile, 'rosters.import') && (
            <Link to="/rosters/import?kind=cadres">
              <Button icon={<ImportOutlined />}>{t('roster.import')}</Button>
            </Link>
          )}
          <ExportButton kind="cadres" filters={exportFilters(filters)} mayRevealPhones={profile.role === 'office' || profile.role === 'admin'} />
        </Space>
      </Space>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: 8 }}>
          <Input.Search
            allowClear
            {...searchBox}
            placeholder={t('cadres.searchPlaceholder')}
            style={{ width: 300 }}
            maxLength={40}
            data-testid="roster-search"
          />
          <RegionPicker value={filters.regionCode} onChange={(regionCode) => update({ regionCode })} style={{ flex: '1 1 460px', minWidth: 280 }} />
          <UnitSelect value={filters.unitId} onChange={(unitId) => update({ unitId })} placeholder={t('cadres.filterUnit')} style={{ width: 220 }} />
          <Select
            allowClear
            placeholder={t('roster.filterCategory')}
            style={{ width: 140 }}
            value={filters.category}
            onChange={(category) => update({ category })}
            options={options.categories}
          />
          <Select
            allowClear
            placeholder={t('cadres.filterLeader')}
            style={{ width: 140 }}
            value={filters.isLeader === undefined ? undefined : String(filters.isLeader)}
            onChange={(value: string | undefined) => update({ isLeader: value === undefined ? undefined : value === 'true' })}
            options={[
              { value: 'true', label: t('cadres.leadersOnly') },
              { value: 'false', label: t('cadres.nonLeadersOnly') },
            ]}
          />
          <Select
            allowClear
            placeholder={t('cadres.filterProgramme')}
            style={{ width: 200 }}
            value={filters.programme}
            onChange={(programme) => update({ programme })}
            options={[{ value: 'any', label: t('cadres.programmeAny') }, { value: 'none', label: t('cadres.programmeNone') }, ...options.programmes]}
          />
          <AssignedSelect value={filters.assigned} onChange={(assigned) => update({ assigned })} />
          <Select
            style={{ width: 170 }}
            value={filters.sort}
            onChange={(sort) => update({ sort: sort === 'name' ? undefined : sort })}
            options={sorts.map((value) => ({ value, label: t(`cadres.sort.${value}`) }))}
            prefix={t('roster.sortBy')}
          />
        </div>
      </Card>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />}
      <Card size="small">
        <Table<Cadre>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          data-testid="cadres-table"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('cadres.total', { total: formatCount(total, language) }),
            onChange: (page, pageSize) => changePage(update, filters.pageSize, page, pageSize),
          }}
          columns={[
            { title: t('cadres.name'), dataIndex: 'name', fixed: 'left', render: (name: string, cadre) => <Link to={`/rosters/cadres/${cadre.id}`}>{name}</Link> },
            { title: t('roster.field.gender'), dataIndex: 'gender', render: (gender: Cadre['gender']) => t(`roster.gender.${gender}`) },
            { title: t('roster.field.birthYear'), dataIndex: 'birthYear' },
            { title: t('roster.field.unitId'), dataIndex: 'unitName', render: (name: string, cadre) => <Link to={`/rosters/units/${cadre.unitId}`}>{name}</Link> },
            { title: t('roster.field.post'), dataIndex: 'post' },
            {
              title: t('roster.field.isLeader'),
              dataIndex: 'isLeader',
              render: (isLeader: boolean, cadre) =>
                isLeader ? <Tag color="red">{cadre.leadingBody ? t(`roster.leadingBody.${cadre.leadingBody}`) : t('cadres.leader')}</Tag> : null,
            },
            { title: t('roster.field.category'), dataIndex: 'category', render: (category: Cadre['category']) => t(`roster.category.${category}`) },
            { title: t('roster.field.programme'), dataIndex: 'programme', render: (programme: Cadre['programme']) => (programme ? <Tag color="blue">{t(`roster.programme.${programme}`)}</Tag> : null) },
            { title: t('roster.field.regionCode'), dataIndex: 'regionName' },
            {
              title: t('roster.field.phone'),
              dataIndex: 'phone',
              render: (phone: string | null, cadre) => <PhoneReveal cadreId={cadre.id} cadreName={cadre.name} maskedPhone={phone} canReveal={canReveal} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
