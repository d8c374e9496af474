// Region browser: a lazily loaded tree rooted at the user's scope, a picker to jump anywhere in
// it, and a detail panel (breadcrumb, counts, sortable table of sub-regions) for the selection.
import { useEffect, useMemo, useState, type Key } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Col, Empty, Grid, Result, Row, Skeleton, Space, Statistic, Table, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { api, ApiError } from '../api/client.ts';
import type { ChildRegion, RegionDetail } from '../api/types.ts';
import { useProfile } from '../auth/auth.tsx';
import { useI18n, type TextKey } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/use-load.ts';
import { compareChineseNames } from '../lib/collator.ts';
import { RegionPicker, regionCodePath } from '../components/region-picker.tsx';
import { RegionCounts } from '../components/region-counts.tsx';

interface TreeRegion {
  code: string;
  name: string;
  cadres: number;
  points: number;
  hasChildren: boolean;
}

function toTreeNodes(region: TreeRegion, childrenOf: Map<string, ChildRegion[]>): TreeDataNode {
  // Only true descendants: a mix-up in the cache must never make the tree recurse forever.
  const children = childrenOf.get(region.code)?.filter((child) => child.code.length > region.code.length && child.code.startsWith(region.code));
  return {
    key: region.code,
    title: (
      <span style={{ display: 'inline-flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <span>{region.name}</span>
        <RegionCounts cadres={region.cadres} points={region.points} />
      </span>
    ),
    isLeaf: !region.hasChildren,
    children: children?.map((child) => toTreeNodes(child, childrenOf)),
  };
}

/** The region tree and detail screen at /regions and /regions/:code. */
export function RegionsPage() {
  const { t, errorText } = useI18n();
  const profile = useProfile();
  const navigate = useNavigate();
  const params = useParams();
  const isPhone = !Grid.useBreakpoint().md;
  const rootCode = profile.regionCode;
  const selectedCode = params.code ?? rootCode;

  const root = useLoad(() => api.region(rootCode), [rootCode]);
  const [childrenOf, setChildrenOf] = useState<Map<string, ChildRegion[]>>(() => new Map());
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([rootCode]);

  const loadChildren = async (code: string): Promise<ChildRegion[]> => {
    const known = childrenOf.get(code);
    if (known) return known;
    const children = await api.regionChildren(code);
    setChildrenOf((previous) => new Map(previous).set(code, children));
    return children;
  };

  // The root's children come with the page; the selection's path opens as far as it is known.
  useEffect(() => {
    void loadChildren(rootCode).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rootCode]);

  const detail = useLoad(async () => {
    const [region, children] = await Promise.all([api.region(selectedCode), api.regionChildren(selectedCode)]);
    return { region, children };
  }, [selectedCode]);

  useEffect(() => {
    // The answer may still be the previous selection's while the new one loads.
    if (!detail.data || detail.data.region.code !== selectedCode) return;
    const children = detail.data.children;
    const path = regionCodePath(rootCode, selectedCode);
    const parents = path.slice(0, -1);
    setChildrenOf((previous) => new Map(previous).set(selectedCode, children));
    let isCurrent = true;
    void (async () => {
      for (const code of parents) {
        if (!isCurrent) return;
        await loadChildren(code).catch(() => undefined);
      }
      const opened = children.length > 0 ? [...parents, selectedCode] : parents;
      if (isCurrent) setExpandedKeys((previous) => Array.from(new Set([...previous, ...opened])));
    })();
    return () => {
      isCurrent = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [detail.data, selectedCode, rootCode]);

  const treeData = useMemo(() => (root.data ? [toTreeNodes({ ...root.data, hasChildren: true }, childrenOf)] : []), [root.data, childrenOf]);

  const goTo = (code: string | undefined) => {
    if (!code) return;
    navigate(code === rootCode ? '/regions' : `/regions/${code}`);
  };

  const tree = (
    <Card title={t('regions.tree')} size="small" styles={{ body: { padding: 8, overflowX: 'auto' } }}>
      {root.isLoading ? (
        <Skeleton active />
      ) : root.error !== undefined ? (
        <Alert type="error" showIcon title={errorText(root.error)} />
      ) : (
        <Tree
          treeData={treeData}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpandedKeys(keys)}
          selectedKeys={[selectedCode]}
          onSelect={(keys) => goTo(keys[0] as string | undefined)}
          loadData={async (node) => {
            await loadChildren(String(node.key));
          }}
          loadedKeys={Array.from(childrenOf.keys())}
          showLine
          blockNode
          data-testid="region-tree"
        />
      )}
    </Card>
  );

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('regions.title')}
      </Typography.Title>
      <Card size="small" title={t('regions.jumpTo')}>
        <RegionPicker key={selectedCode} value={selectedCode} onChange={goTo} isVertical={isPhone} allowClear={false} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          {tree}
        </Col>
        <Col xs={24} lg={15}>
          <RegionDetailPanel
            detail={detail.data}
            error={detail.error}
            isLoading={detail.isLoading}
            rootCode={rootCode}
            onRetry={detail.reload}
            onBack={() => navigate('/regions')}
          />
        </Col>
      </Row>
    </div>
  );
}

function RegionDetailPanel(props: {
  detail: { region: RegionDetail; children: ChildRegion[] } | undefined;
  error: unknown;
  isLoading: boolean;
  rootCode: string;
  onRetry(): void;
  onBack(): void;
}) {
  const { t, errorText } = useI18n();
  if (props.error instanceof ApiError && props.error.status === 404) {
    return (
      <Card>
        <Result
          status="404"
          title={t('regions.notFound')}
          subTitle={errorText(props.error)}
          extra={<Button type="primary" onClick={props.onBack}>{t('regions.backToRoot')}</Button>}
          data-testid="region-not-found"
        />
      </Card>
    );
  }
  if (props.error !== undefined) {
    return <Alert type="error" showIcon title={errorText(props.error)} action={<Button size="small" onClick={props.onRetry}>{t('common.retry')}</Button>} />;
  }
  if (props.isLoading || !props.detail) return <Card><Skeleton active /></Card>;
  const { region, children } = props.detail;
  const crumbs = [...region.ancestors, region].map((item) => ({
    key: item.code,
    title: item.code !== region.code && item.code.startsWith(props.rootCode) ? <Link to={`/regions/${item.code}`}>{item.name}</Link> : item.name,
  }));
  return (
    <Card data-testid="region-detail">
      <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} />
      <Space align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {region.name}
        </Typography.Title>
        <Tag>{t(`level.${region.level}` as TextKey)}</Tag>
        <Typography.Text type="secondary" copyable>
          {region.code}
        </Typography.Text>
      </Space>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={12}>
          <Statistic title={t('common.cadres')} value={region.cadres} />
        </Col>
        <Col span={12}>
          <Statistic title={t('common.points')} value={region.points} />
        </Col>
      </Row>
      <Typography.Title level={5}>{t('regions.children')}</Typography.Title>
      {children.length === 0 ? (
        <Empty description={t('regions.noChildren')} />
      ) : (
        <Table<ChildRegion>
          rowKey="code"
          size="small"
          dataSource={children}
          pagination={children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('common.name'),
              dataIndex: 'name',
              sorter: (a, b) => compareChineseNames(a.name, b.name),
              render: (name: string, child) => <Link to={`/regions/${child.code}`}>{name}</Link>,
            },
            { title: t('common.code'), dataIndex: 'code', responsive: ['sm'] },
            { title: t('common.cadres'), dataIndex: 'cadres', align: 'right', sorter: (a, b) => a.cadres - b.cadres },
            { title: t('common.points'), dataIndex: 'points', align: 'right', sorter: (a, b) => a.points - b.points },
          ]}
        />
      )}
    </Card>
  );
}
