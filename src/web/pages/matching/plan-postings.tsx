// A plan's postings, paged on the server, with filters (county, name, answered need, flags) and
// per-row actions: "why here", pin, forbid.
import { useState } from 'react';
import { Alert, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import { LockOutlined, PushpinOutlined, QuestionCircleOutlined, StopOutlined } from '@ant-design/icons';
import { matchingApi, needTags, type PlanPosting, type PostingFilters } from '../../api/matching.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { categoryLabel, needLabel } from './matching-text.ts';
import type { RuleRequest } from './why-here-drawer.tsx';

/** The postings table of a plan; `regionCode` comes from the county chosen above it. */
export function PlanPostings({
  planId,
  regionCode,
  regionName,
  canAdjust,
  busyKey,
  onWhy,
  onRule,
  onClearRegion,
}: {
  planId: number;
  regionCode?: string;
  regionName?: string;
  canAdjust: boolean;
  busyKey?: string;
  onWhy(posting: PlanPosting): void;
  onRule(request: RuleRequest): void;
  onClearRegion(): void;
}) {
  const { t, errorText } = useI18n();
  const [filters, setFilters] = useState<Omit<PostingFilters, 'regionCode'>>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [lastRegion, setLastRegion] = useState(regionCode);
  if (lastRegion !== regionCode) {
    // A new county starts from the first page.
    setLastRegion(regionCode);
    setPage((previous) => ({ ...previous, page: 1 }));
  }
  const list = useLoad(() => matchingApi.postings(planId, { ...filters, regionCode, ...page }), [planId, filters, regionCode, page]);
  const changeFilters = (next: Omit<PostingFilters, 'regionCode'>) => {
    setFilters(next);
    setPage((previous) => ({ ...previous, page: 1 }));
  };
  const ruleKey = (kind: string, posting: PlanPosting) => `${kind}:${posting.cadreId}:${posting.pointId}`;

  return (
    <Card size="small" title={t('matching.postings.title')} data-testid="plan-postings">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        {regionCode && (
          <Tag closable onClose={onClearRegion} color="red" style={{ alignSelf: 'center' }}>
            {regionName ?? regionCode}
          </Tag>
        )}
        <Input.Search allowClear placeholder={t('matching.postings.search')} style={{ width: 260 }} onSearch={(q) => changeFilters({ ...filters, q: q.trim() || undefined })} data-testid="postings-search" />
        <Select
          allowClear
          placeholder={t('matching.postings.answered')}
          style={{ width: 160 }}
          value={filters.need}
          onChange={(need) => changeFilters({ ...filters, need })}
          options={[...needTags.map((need) => ({ value: need, label: t('matching.postings.answersNeed', { need: needLabel(t, need) }) })), { value: 'none' as const, label: t('matching.postings.answersNone') }]}
        />
        <Select
          allowClear
          placeholder={t('matching.postings.flag')}
          style={{ width: 160 }}
          value={filters.flag}
          onChange={(flag) => changeFilters({ ...filters, flag })}
          options={[
            { value: 'pinned' as const, label: t('matching.postings.pinned') },
            { value: 'locked' as const, label: t('matching.postings.locked') },
            { value: 'leader' as const, label: t('matching.postings.leader') },
          ]}
        />
      </div>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      <Table<PlanPosting>
        rowKey={(posting) => `${posting.cadreId}:${posting.pointId}`}
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('matching.postings.total', { total: total.toLocaleString() }),
          onChange: (current, pageSize) => setPage({ page: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
        columns={[
          {
            title: t('matching.postings.cadre'),
            key: 'cadre',
            fixed: 'left',
            render: (_value, posting) => (
              <Space size={4}>
                {posting.cadreName}
                {posting.isLeader && <Tag color="red">{t('matching.postings.leader')}</Tag>}
              </Space>
            ),
          },
          { title: t('matching.postings.unit'), key: 'unit', render: (_value, posting) => `${posting.unitName}（${categoryLabel(t, posting.category)}）` },
          { title: t('matching.postings.point'), dataIndex: 'pointName' },
          { title: t('matching.postings.regionPath'), dataIndex: 'regionPath' },
          { title: t('matching.postings.distance'), dataIndex: 'distanceCost', align: 'right' },
          {
            title: t('matching.postings.answered'),
            dataIndex: 'answeredNeed',
            render: (need: PlanPosting['answeredNeed']) => (need ? <Tag color="blue">{needLabel(t, need)}</Tag> : '—'),
          },
          {
            title: t('matching.postings.flags'),
            key: 'flags',
            render: (_value, posting) => (
              <Space size={4}>
                {posting.isLocked && (
                  <Tooltip title={t('matching.postings.lockedHint')}>
                    <Tag icon={<LockOutlined />}>{t('matching.postings.locked')}</Tag>
                  </Tooltip>
                )}
                {posting.isPinned && (
                  <Tag icon={<PushpinOutlined />} color="gold" data-testid="pinned-flag">
                    {t('matching.postings.pinned')}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_value, posting) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<QuestionCircleOutlined />} onClick={() => onWhy(posting)} data-testid="why-here">
                  {t('matching.postings.why')}
                </Button>
                {canAdjust && !posting.isLocked && (
                  <>
                    <Button
                      type="link"
                      size="small"
                      icon={<PushpinOutlined />}
                      loading={busyKey === ruleKey('pin', posting)}
                      onClick={() => onRule({ kind: 'pin', cadreId: posting.cadreId, pointId: posting.pointId, pointName: posting.pointName })}
                    >
                      {t('matching.postings.pin')}
                    </Button>
                    <Popconfirm
                      title={t('matching.why.forbidConfirm')}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => onRule({ kind: 'forbid', cadreId: posting.cadreId, pointId: posting.pointId, pointName: posting.pointName })}
                    >
                      <Button type="link" size="small" danger icon={<StopOutlined />} loading={busyKey === ruleKey('forbid', posting)}>
                        {t('matching.postings.forbid')}
                      </Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
