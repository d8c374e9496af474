// Same problem, many places: groups of alike open cases across villages that the server suggests
// (one category, similar descriptions, two or more points), each made into one issue (问题) for the
// level that can fix it with one click; and the issues made so far with their cases' progress.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Empty, Input, List, Progress, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { appealsApi, type AppealIssue, type IssueSuggestion } from '../../api/appeals.ts';
import { RegionPicker } from '../../components/region-picker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { formatTime } from '../rosters/roster-shared.tsx';
import { levelLabel, useCategories } from './appeal-shared.tsx';

function SuggestionCard({ suggestion, onCreated }: { suggestion: IssueSuggestion; onCreated: () => void }) {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const { nameOf } = useCategories();
  const [title, setTitle] = useState(`${suggestion.regionPath.split(' / ').at(-1)}：${nameOf(suggestion.categoryCode)}（${suggestion.points}${t('issues.pointsUnit')}）`);
  const [isSaving, setIsSaving] = useState(false);
  const create = async () => {
    setIsSaving(true);
    try {
      await appealsApi.createIssue({ title, appealIds: suggestion.appealIds });
      message.success(t('issues.created'));
      onCreated();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Card size="small" data-testid="issue-suggestion">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap>
          <Tag color="blue">{nameOf(suggestion.categoryCode)}</Tag>
          <Typography.Text strong>{t('issues.cases', { count: suggestion.appealIds.length, points: suggestion.points })}</Typography.Text>
          <Typography.Text type="secondary">{suggestion.regionPath}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">{t('issues.example', { title: suggestion.title })}</Typography.Text>
        <Typography.Text>
          {t('issues.owner', { level: levelLabel(t, suggestion.level), unit: suggestion.unitName ?? t('issues.noUnit') })}
        </Typography.Text>
        <Space.Compact style={{ width: '100%' }}>
          <Input value={title} onChange={(event) => setTitle(event.target.value)} maxLength={80} aria-label={t('issues.titleLabel')} />
          <Button type="primary" loading={isSaving} disabled={suggestion.unitId === null || title.trim().length < 2} onClick={() => void create()}>
            {t('issues.create')}
          </Button>
        </Space.Compact>
        <Space wrap size={4}>
          {suggestion.appealIds.slice(0, 12).map((id) => (
            <Link key={id} to={`/appeals/${id}`}>
              #{id}
            </Link>
          ))}
          {suggestion.appealIds.length > 12 && <Typography.Text type="secondary">…</Typography.Text>}
        </Space>
      </Space>
    </Card>
  );
}

/** The issues page: suggestions to group, and the issues made. */
export function AppealIssuesPage() {
  const { t, errorText, language } = useI18n();
  const { nameOf } = useCategories();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [days, setDays] = useState(30);
  const [version, setVersion] = useState(0);
  const suggestions = useLoad(() => appealsApi.issueSuggestions({ regionCode, days }), [regionCode, days, version]);
  const issues = useLoad(() => appealsApi.issues({ regionCode }), [regionCode, version]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('issues.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('issues.intro')}
      </Typography.Paragraph>
      <Space wrap>
        <RegionPicker value={regionCode} onChange={setRegionCode} maxLevel={3} style={{ minWidth: 280 }} />
        <Select value={days} onChange={setDays} style={{ width: 140 }} options={[7, 30, 90].map((value) => ({ value, label: t('issues.window', { days: value }) }))} aria-label={t('issues.windowLabel')} />
      </Space>
      <Card title={t('issues.suggestions')} size="small">
        {suggestions.error !== undefined && <Alert type="error" showIcon title={errorText(suggestions.error)} />}
        <Spin spinning={suggestions.isLoading}>
          {(suggestions.data?.items.length ?? 0) === 0 && !suggestions.isLoading ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('issues.noSuggestions')} />
          ) : (
            <List
              grid={{ gutter: 12, xs: 1, md: 2, xl: 3 }}
              dataSource={suggestions.data?.items ?? []}
              renderItem={(suggestion) => (
                <List.Item>
                  <SuggestionCard suggestion={suggestion} onCreated={() => setVersion((value) => value + 1)} />
                </List.Item>
              )}
            />
          )}
        </Spin>
      </Card>
      <Card title={t('issues.made')} size="small">
        {issues.error !== undefined && <Alert type="error" showIcon title={errorText(issues.error)} />}
        <Table<AppealIssue>
          rowKey="id"
          size="small"
          loading={issues.isLoading}
          dataSource={issues.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          scroll={{ x: 760 }}
          columns={[
            { title: t('issues.column.title'), dataIndex: 'title', render: (title: string, row) => <Link to={`/appeals?issueId=${row.id}`}>{title}</Link> },
            { title: t('issues.column.category'), dataIndex: 'categoryCode', render: (code: string) => nameOf(code) },
            { title: t('issues.column.owner'), key: 'owner', render: (_, row) => `${row.regionName} · ${levelLabel(t, row.level)}${row.unitName ? ` · ${row.unitName}` : ''}` },
            { title: t('issues.column.cases'), key: 'cases', render: (_, row) => t('issues.cases', { count: row.cases, points: row.points }) },
            {
              title: t('issues.column.progress'),
              key: 'progress',
              render: (_, row) => <Progress percent={row.cases === 0 ? 0 : Math.round((100 * (row.cases - row.openCases)) / row.cases)} size="small" style={{ width: 140 }} />,
            },
            { title: t('issues.column.created'), dataIndex: 'createdAt', render: (value: string) => formatTime(value, language) },
          ]}
        />
      </Card>
    </Space>
  );
}
