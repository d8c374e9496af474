// "My points" (我的联系点) for a signed-in cadre: each published point with its place, its needs,
// and the team stationed there with the cadre ("my team").
import { Alert, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, LockOutlined, TeamOutlined } from '@ant-design/icons';
import { matchingApi, needTags, type MyPoint } from '../../api/matching.ts';
import { useProfile } from '../../auth/auth.tsx';
import { useI18n, type TextKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { categoryLabel, needLabel } from './matching-text.ts';

const severityColors = ['default', 'gold', 'orange', 'volcano', 'red', 'magenta'];

function PointCard({ point }: { point: MyPoint }) {
  const { t } = useI18n();
  const needs = needTags.filter((need) => point.needs[need] > 0);
  return (
    <Card
      title={
        <Space>
          <EnvironmentOutlined />
          <span>{point.pointName}</span>
          <Tag>{t(`matching.pointType.${point.pointType}` as TextKey)}</Tag>
          {point.isLocked && (
            <Tag icon={<LockOutlined />} color="purple">
              {t('matching.mine.locked')}
            </Tag>
          )}
        </Space>
      }
      data-testid="my-point"
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('matching.mine.where')}>{point.regionPath}</Descriptions.Item>
        <Descriptions.Item label={t('matching.mine.since')}>{point.startsOn}</Descriptions.Item>
        <Descriptions.Item label={t('matching.mine.needs')}>
          {needs.length === 0
            ? t('matching.mine.noNeeds')
            : needs.map((need) => (
                <Tag key={need} color={severityColors[Math.min(point.needs[need], 5)]}>
                  {t('matching.mine.needSeverity', { need: needLabel(t, need), severity: point.needs[need] })}
                </Tag>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('matching.mine.people')}>{t('matching.mine.peopleValue', { households: point.households.toLocaleString(), population: point.population.toLocaleString() })}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        <TeamOutlined /> {t('matching.mine.team', { count: point.team.length })}
      </Typography.Title>
      <List
        size="small"
        dataSource={point.team}
        renderItem={(member) => (
          <List.Item data-testid="team-member">
            <Space wrap>
              <Typography.Text strong={member.isMe}>{member.name}</Typography.Text>
              {member.isMe && <Tag color="red">{t('matching.mine.me')}</Tag>}
              {member.isLeader && <Tag color="volcano">{t('matching.postings.leader')}</Tag>}
              <Typography.Text type="secondary">
                {member.unitName} · {member.post} · {categoryLabel(t, member.category)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The "my points" screen at /my-points. */
export function MyPointsPage() {
  const { t, errorText } = useI18n();
  const profile = useProfile();
  const points = useLoad(() => (profile.cadreId ? matchingApi.myPoints() : Promise.resolve([])), [profile.cadreId]);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('matching.mine.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('matching.mine.subtitle', { name: profile.displayName })}</Typography.Text>
      </div>
      {!profile.cadreId && <Alert type="info" showIcon title={t('matching.mine.notCadre')} />}
      {points.error !== undefined && <Alert type="error" showIcon title={errorText(points.error)} />}
      {points.isLoading ? (
        <Skeleton active />
      ) : points.data && points.data.length > 0 ? (
        <Row gutter={[16, 16]}>
          {points.data.map((point) => (
            <Col xs={24} xl={points.data!.length > 1 ? 12 : 24} key={point.pointId}>
              <PointCard point={point} />
            </Col>
          ))}
        </Row>
      ) : (
        profile.cadreId && <Empty description={t('matching.mine.empty')} />
      )}
    </div>
  );
}
