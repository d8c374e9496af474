// A point's field work on its detail page: visit coverage over a period (households visited at
// least once, visits by outcome — refusals at the door counted, not hidden) and the meetings held
// there, each row opening what became of every decision (a task's owner, due date and progress; an
// appeal's tracking code and where the case stands). Hidden for callers who may not read it.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Progress, Row, Segmented, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { fieldApi, type MeetingDetail, type MeetingSummary } from '../../api/field.ts';
import { useI18n, type TextKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';

type Days = 30 | 90 | 365;

/** YYYY-MM-DD of `days` ago in China (the server counts days there too). */
function daysAgo(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - days * 86_400_000));
}

function Decisions({ meetingId }: { meetingId: number }) {
  const { t, errorText } = useI18n();
  const meeting = useLoad(() => fieldApi.meeting(meetingId), [meetingId]);
  if (meeting.error) return <Alert type="error" title={errorText(meeting.error)} />;
  if (!meeting.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const detail: MeetingDetail = meeting.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="meeting-detail">
      <Descriptions size="small" column={1}>
        {detail.organisations.length > 0 && <Descriptions.Item label={t('field.meeting.organisations')}>{detail.organisations.join('、')}</Descriptions.Item>}
        {detail.agenda && <Descriptions.Item label={t('field.meeting.agenda')}>{detail.agenda}</Descriptions.Item>}
        {detail.minutes && <Descriptions.Item label={t('field.meeting.minutes')}>{detail.minutes}</Descriptions.Item>}
      </Descriptions>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.decisions}
        tableLayout="fixed"
        columns={[
          { title: t('field.meeting.decisions'), dataIndex: 'text' },
          { title: t('field.meeting.kind'), dataIndex: 'kind', width: 90, render: (kind: 'task' | 'appeal') => <Tag>{t(`field.decision.${kind}`)}</Tag> },
          {
            title: t('field.decision.outcome'),
            key: 'outcome',
            width: '45%',
            render: (_: unknown, decision: MeetingDetail['decisions'][number]) =>
              decision.kind === 'task' ? (
                <Space orientation="vertical" size={0} style={{ width: '100%' }} data-testid="decision-task" data-progress={decision.progress}>
                  <Progress percent={decision.progress} size="small" status={decision.isOverdue ? 'exception' : decision.progress >= 100 ? 'success' : 'active'} />
                  <Typography.Text type="secondary">
                    {t('field.decision.owner')} {decision.ownerName ?? '—'} · {t('field.decision.due')} {decision.dueOn ?? '—'} {decision.isOverdue && <Tag color="red">{t('field.decision.overdue')}</Tag>}
                  </Typography.Text>
                </Space>
              ) : decision.appeal ? (
                <Link to={`/appeals/${decision.appeal.id}`} data-testid="decision-appeal">
                  {t('field.decision.appealState', { code: decision.appeal.trackingCode, state: t(`appeals.state.${decision.appeal.state}` as TextKey) })}
                </Link>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

export function PointFieldWork({ pointId }: { pointId: number }) {
  const { t, errorText } = useI18n();
  const [days, setDays] = useState<Days>(30);
  const coverage = useLoad(() => fieldApi.coverage(pointId, { from: daysAgo(days - 1), to: daysAgo(0) }), [pointId, days]);
  const meetings = useLoad(() => fieldApi.meetings(pointId), [pointId]);
  const from = daysAgo(days - 1);

  const refused = [coverage.error, meetings.error].find((error) => error instanceof ApiError && (error.status === 403 || error.status === 404));
  if (refused) {
    return (
      <Card title={t('field.title')} size="small" data-testid="point-field-work">
        <Typography.Text type="secondary">{t('field.noAccess')}</Typography.Text>
      </Card>
    );
  }
  const shown: MeetingSummary[] = (meetings.data ?? []).filter((meeting) => meeting.heldOn >= from);
  return (
    <Card
      title={t('field.title')}
      size="small"
      data-testid="point-field-work"
      extra={<Segmented<Days> value={days} onChange={setDays} options={([30, 90, 365] as const).map((value) => ({ value, label: t(`field.period.${value}`) }))} />}
    >
      {coverage.error ? (
        <Alert type="error" title={errorText(coverage.error)} />
      ) : !coverage.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Row gutter={[16, 16]} data-testid="visit-coverage">
          <Col xs={12} md={6}>
            <Statistic title={t('field.households')} value={coverage.data.households} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('field.visitedOnce')} value={coverage.data.visitedAtLeastOnce} />
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t('field.coverage')}</Typography.Text>
            <Progress percent={Math.round(coverage.data.rate * 1000) / 10} data-testid="coverage-rate" />
            <Typography.Text type="secondary">{t('field.visitsByOutcome')}: </Typography.Text>
            <Space wrap>
              {(['received', 'nobody_home', 'refused'] as const).map((outcome) => (
                <Tag key={outcome} color={outcome === 'refused' ? 'orange' : outcome === 'received' ? 'green' : undefined} data-testid={`outcome-${outcome}`}>
                  {t(`field.outcome.${outcome}`)} {coverage.data!.byOutcome[outcome]}
                </Tag>
              ))}
            </Space>
          </Col>
        </Row>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('field.meetings')}
      </Typography.Title>
      {meetings.error ? (
        <Alert type="error" title={errorText(meetings.error)} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={meetings.isLoading}
          pagination={shown.length > 10 ? { pageSize: 10 } : false}
          dataSource={shown}
          locale={{ emptyText: t('field.noMeetings') }}
          expandable={{ expandedRowRender: (meeting) => <Decisions meetingId={meeting.id} />, rowExpandable: (meeting) => meeting.decisions.total > 0 }}
          data-testid="point-meetings"
          columns={[
            { title: t('field.meeting.heldOn'), dataIndex: 'heldOn', width: 110 },
            { title: t('field.meeting.kind'), dataIndex: 'kind', render: (kind: 'symposium' | 'deliberation') => t(`field.meeting.kind.${kind}`) },
            { title: t('field.meeting.title'), dataIndex: 'title' },
            { title: t('field.meeting.attendees'), dataIndex: 'attendeeCount', align: 'right' },
            {
              title: t('field.meeting.decisions'),
              key: 'decisions',
              render: (_: unknown, meeting: MeetingSummary) => t('field.meeting.summary', { done: meeting.decisions.tasksDone, tasks: meeting.decisions.tasks, appeals: meeting.decisions.appeals }),
            },
          ]}
        />
      )}
    </Card>
  );
}
