// One case at /appeals/:id: where it stands (main path, ladder, deadline), what it is about
// (description, photos, provenance), who to call back (masked, logged reveal), its full timeline,
// the steps this caller may take now, and similar cases.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Card, Col, Descriptions, Image, Row, Space, Typography } from 'antd';
import { appealsApi, type AppealDetail, type AppealRating, type SolvedAnswer } from '../../api/appeals.ts';
import { useProfile } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { DetailFrame } from '../rosters/detail-frame.tsx';
import { formatTime } from '../rosters/roster-shared.tsx';
import { AppealActions } from './appeal-actions.tsx';
import { AppealContact } from './appeal-contact.tsx';
import { AppealHeader } from './appeal-header.tsx';
import { useCategories, useNow } from './appeal-shared.tsx';
import { AppealTimeline } from './appeal-timeline.tsx';
import { SimilarAppeals } from './similar-appeals.tsx';

function AppealFacts({ appeal }: { appeal: AppealDetail }) {
  const { t, hasText, language } = useI18n();
  const categories = useCategories();
  const sourceKey = `appeals.sourceKind.${appeal.sourceKind ?? ''}`;
  const sourceName = hasText(sourceKey) ? t(sourceKey) : appeal.sourceKind;
  const source = appeal.sourceKind ? `${sourceName}${appeal.sourceId ? ` #${appeal.sourceId}` : ''}` : undefined;
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="appeal-facts">
      <Descriptions.Item label={t('appeals.field.category')}>{categories.nameOf(appeal.categoryCode, appeal.categoryName)}</Descriptions.Item>
      <Descriptions.Item label={t('appeals.field.urgency')}>{t(`appeals.urgency.${appeal.urgency}`)}</Descriptions.Item>
      <Descriptions.Item label={t('appeals.field.channel')}>
        {t(`appeals.channel.${appeal.channel}`)}
        {source ? ` · ${source}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('appeals.field.createdAt')}>{formatTime(appeal.createdAt, language)}</Descriptions.Item>
      <Descriptions.Item label={t('appeals.field.region')} span={2}>
        {appeal.regionPath}
        {appeal.pointName ? ` · ${appeal.pointName}` : ''}
        {appeal.address ? ` · ${appeal.address}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('appeals.field.handlingUnit')}>{appeal.handlingUnitName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('appeals.field.firstUnit')}>{appeal.firstUnitName ?? '—'}</Descriptions.Item>
      {appeal.coUnits.length > 0 && <Descriptions.Item label={t('appeals.field.coUnits')} span={2}>{appeal.coUnits.map((unit) => unit.name).join('、')}</Descriptions.Item>}
      {appeal.subjectUnitName && <Descriptions.Item label={t('appeals.field.subjectUnit')} span={2}>{appeal.subjectUnitName}</Descriptions.Item>}
      {appeal.mergedIntoId !== null && (
        <Descriptions.Item label={t('appeals.field.mergedInto')} span={2}>
          <Link to={`/appeals/${appeal.mergedIntoId}`}>#{appeal.mergedIntoId}</Link>
        </Descriptions.Item>
      )}
      {appeal.issueId !== null && <Descriptions.Item label={t('appeals.field.issue')} span={2}>#{appeal.issueId}</Descriptions.Item>}
      <Descriptions.Item label={t('appeals.field.contact')} span={2}>
        <AppealContact appeal={appeal} />
      </Descriptions.Item>
    </Descriptions>
  );
}

function ReplyAndCallback({ appeal }: { appeal: AppealDetail }) {
  const { t, language } = useI18n();
  if (!appeal.replyText && !appeal.callback && !appeal.followup) return null;
  const rated = (entry: { at: string; solved: SolvedAnswer | null; rating: AppealRating | null; contacted?: boolean | null }) =>
    [
      formatTime(entry.at, language),
      entry.contacted === undefined || entry.contacted === null ? undefined : entry.contacted ? t('appeals.contacted.yes') : t('appeals.contacted.no'),
      entry.solved ? t(`appeals.solved.${entry.solved}`) : undefined,
      entry.rating ? t(`appeals.rating.${entry.rating}`) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <Descriptions size="small" bordered column={1} data-testid="appeal-outcome">
      {appeal.replyText && (
        <Descriptions.Item label={t('appeals.field.reply')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{appeal.replyText}</Typography.Paragraph>
        </Descriptions.Item>
      )}
      {appeal.callback && <Descriptions.Item label={t('appeals.field.callback')}>{rated(appeal.callback)}</Descriptions.Item>}
      {appeal.followup && <Descriptions.Item label={t('appeals.field.followup')}>{rated(appeal.followup)}</Descriptions.Item>}
    </Descriptions>
  );
}

/** The case page. */
export function AppealPage() {
  const { t } = useI18n();
  const profile = useProfile();
  const id = Number(useParams().id);
  const loaded = useLoad(() => appealsApi.get(id), [id]);
  const [updated, setUpdated] = useState<AppealDetail | undefined>(undefined);
  const now = useNow();
  const isNewer = updated !== undefined && updated.id === id && (!loaded.data || updated.version >= loaded.data.version);
  const appeal = isNewer ? updated : loaded.data;
  const isDesk = ['admin', 'office', 'leader'].includes(profile.role);

  return (
    <DetailFrame
      backTo={isDesk ? '/appeals' : '/appeals/inbox'}
      backLabel={isDesk ? t('appeals.backToList') : t('appeals.backToInbox')}
      title={appeal ? `${appeal.trackingCode} · ${appeal.title}` : undefined}
      isLoading={loaded.isLoading}
      error={loaded.error}
      onRetry={loaded.reload}
    >
      {appeal && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <AppealHeader appeal={appeal} now={now} />
              <Card size="small" title={t('appeals.section.case')}>
                <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="appeal-description">
                    {appeal.description}
                  </Typography.Paragraph>
                  {appeal.photoIds.length > 0 && (
                    <Image.PreviewGroup>
                      <Space wrap data-testid="appeal-photos">
                        {appeal.photoIds.map((photoId) => (
                          <Image key={photoId} width={120} height={90} style={{ objectFit: 'cover' }} src={appealsApi.photoUrl(appeal.id, photoId)} alt={t('appeals.photo')} />
                        ))}
                      </Space>
                    </Image.PreviewGroup>
                  )}
                  <AppealFacts appeal={appeal} />
                  <ReplyAndCallback appeal={appeal} />
                </Space>
              </Card>
              <Card size="small" title={t('appeals.section.timeline')}>
                <AppealTimeline events={appeal.events} />
              </Card>
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <AppealActions
                appeal={appeal}
                onChanged={setUpdated}
                onReload={() => {
                  setUpdated(undefined);
                  loaded.reload();
                }}
              />
              <SimilarAppeals appealId={appeal.id} />
            </Space>
          </Col>
        </Row>
      )}
    </DetailFrame>
  );
}
