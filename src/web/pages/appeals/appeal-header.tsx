// The head of the case page: where the case stands on the main path (登记 → 派单 → 签收 → 办理 →
// 答复 → 审核 → 办结), where it stands on the ladder (驻点工作队 → 乡镇 → 县直部门 → 市直部门), and the
// running time limit with its colour, due time and time left.
import { Card, Col, Descriptions, Row, Space, Steps, Typography } from 'antd';
import { appealLevels, type AppealDetail } from '../../api/appeals.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatTime } from '../rosters/roster-shared.tsx';
import { CaseMarkers, DeadlineTag, StateTag, levelLabel } from './appeal-shared.tsx';
import { mainPath, stepOf, timeLeftText } from './appeal-text.ts';

/** Progress on the main path and the ladder, with the deadline. */
export function AppealHeader({ appeal, now }: { appeal: AppealDetail; now: number }) {
  const { t, language } = useI18n();
  const step = stepOf(appeal.state);
  const sideNote = appeal.state === 'returned' || appeal.state === 'rectifying' || appeal.state === 'merged' ? t(`appeals.state.${appeal.state}`) : undefined;
  return (
    <Card size="small" data-testid="appeal-header">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap>
          <StateTag state={appeal.state} />
          <CaseMarkers row={appeal} />
          {appeal.isDisputed && <Typography.Text type="danger">{t('appeals.disputed')}</Typography.Text>}
        </Space>
        <Steps
          size="small"
          current={step.current}
          status={step.status}
          responsive
          data-testid="appeal-steps"
          items={mainPath.map((state, index) => ({
            title: t(`appeals.step.${state}`),
            content: index === step.current && sideNote ? sideNote : undefined,
          }))}
        />
        <Row gutter={[16, 8]}>
          <Col xs={24} lg={12}>
            <Typography.Text type="secondary">{t('appeals.ladder')}</Typography.Text>
            <Steps
              type="dot"
              size="small"
              current={appeal.level}
              data-testid="appeal-ladder"
              items={appealLevels.map((level) => ({ title: levelLabel(t, level) }))}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('appeals.field.deadline')}>
                <Space wrap size={4}>
                  <DeadlineTag colour={appeal.colour} dueAt={appeal.dueAt} now={now} />
                  {appeal.dueAt && (
                    <Typography.Text data-testid="appeal-due">
                      {t('appeals.dueAt', { time: formatTime(appeal.dueAt, language) })} · {timeLeftText(t, appeal.dueAt, now)}
                    </Typography.Text>
                  )}
                  {appeal.clockKind && <Typography.Text type="secondary">({t(`appeals.clock.${appeal.clockKind}`)})</Typography.Text>}
                </Space>
              </Descriptions.Item>
              {appeal.handlingDueAt && appeal.handlingDueAt !== appeal.dueAt && (
                <Descriptions.Item label={t('appeals.field.handlingDueAt')}>{formatTime(appeal.handlingDueAt, language)}</Descriptions.Item>
              )}
              {appeal.pendingExtension && (
                <Descriptions.Item label={t('appeals.field.pendingExtension')}>
                  {t('appeals.extensionPending', { days: appeal.pendingExtension.days, reason: appeal.pendingExtension.reason })}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Col>
        </Row>
      </Space>
    </Card>
  );
}
