// Tracking (/track and /track/:code): a resident enters the code and sees where the case stands and
// what happened, step by step, without anyone's personal data (the API sends none); then rates
// the result when asked, disputes a closure, or joins an open case with "me too".
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Skeleton, Tag, Timeline, Typography } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { isOpenAppeal, publicApi, type PublicTracking } from '../../api/public.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { rememberedTrackingCodes } from './draft-storage.ts';
import { MeTooButton } from './open-cases-card.tsx';
import { PublicFrame } from './public-frame.tsx';
import { eventLabel, formatMoment, normalizeTrackingCode, ratingLabel, stateColour, stateLabel, trackingCodePattern } from './public-text.ts';
import { DisputeCard, RatingCard } from './track-feedback.tsx';

/** The code box; also lists the codes filed from this phone. */
function TrackLookup({ initialCode = '' }: { initialCode?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [mine] = useState(rememberedTrackingCodes);
  return (
    <Card size="small" title={t('public.track.title')}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('public.track.intro')}
      </Typography.Paragraph>
      <Form<{ code: string }>
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ code: initialCode }}
        onFinish={(values) => navigate(`/track/${encodeURIComponent(normalizeTrackingCode(values.code))}`)}
      >
        <Form.Item
          name="code"
          label={t('public.track.codeLabel')}
          normalize={(value: string) => value.toUpperCase()}
          rules={[{ validator: async (_rule, value: string | undefined) => (trackingCodePattern.test(normalizeTrackingCode(value ?? '')) ? undefined : Promise.reject(new Error(t('public.track.codeInvalid')))) }]}
        >
          <Input placeholder={t('public.track.codePlaceholder')} autoCapitalize="characters" autoComplete="off" spellCheck={false} data-testid="track-code-input" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block icon={<SearchOutlined />} data-testid="track-search">
          {t('public.track.search')}
        </Button>
      </Form>
      {mine.length > 0 && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('public.track.mine')}</Typography.Text>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 6 }}>
            {mine.map((code) => (
              <Link key={code} to={`/track/${encodeURIComponent(code)}`}>
                <Tag style={{ fontFamily: 'monospace', fontSize: 14, padding: '2px 8px' }}>{code}</Tag>
              </Link>
            ))}
          </div>
        </div>
      )}
    </Card>
  );
}

/** Where the case stands and its history. */
function TrackStatus({ tracking, onChanged, onRefresh }: { tracking: PublicTracking; onChanged(tracking: PublicTracking): void; onRefresh(): void }) {
  const { t, language, hasText } = useI18n();
  const isMine = rememberedTrackingCodes().includes(tracking.trackingCode);
  const categoryName = language === 'zh' ? tracking.categoryName : tracking.categoryNameEn;
  // Newest first: what happened last is what the resident came to see.
  const steps = [...tracking.timeline].reverse();
  return (
    <>
      <Card size="small" data-testid="track-summary">
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, justifyContent: 'space-between' }}>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }} data-testid="track-code">
            {tracking.trackingCode}
          </Typography.Text>
          <Button size="small" type="text" icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('public.track.refresh')} />
        </div>
        <Typography.Title level={4} style={{ margin: '4px 0 8px' }}>
          {tracking.title}
        </Typography.Title>
        <Tag color={stateColour(tracking.state)} style={{ fontSize: 15, padding: '3px 10px' }} data-testid="track-state">
          {stateLabel(t, tracking.state)}
        </Tag>
        <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('public.track.category')}>{categoryName}</Descriptions.Item>
          <Descriptions.Item label={t('public.track.where')}>{[tracking.regionPath, tracking.pointName].filter(Boolean).join(' · ')}</Descriptions.Item>
          <Descriptions.Item label={t('public.track.filedAt')}>{formatMoment(language, tracking.createdAt)}</Descriptions.Item>
          {tracking.dueAt && isOpenAppeal(tracking.state) && <Descriptions.Item label={t('public.track.dueAt')}>{formatMoment(language, tracking.dueAt)}</Descriptions.Item>}
          {tracking.rating && <Descriptions.Item label={t('public.track.rating')}>{ratingLabel(t, tracking.rating)}</Descriptions.Item>}
        </Descriptions>
        {isOpenAppeal(tracking.state) && !isMine && (
          <div style={{ marginTop: 8 }}>
            <MeTooButton trackingCode={tracking.trackingCode} onJoined={onRefresh} block />
          </div>
        )}
      </Card>
      {tracking.replyText && (
        <Card size="small" title={t('public.track.reply')} data-testid="track-reply">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{tracking.replyText}</Typography.Paragraph>
        </Card>
      )}
      {tracking.canRate && <RatingCard code={tracking.trackingCode} onRated={onChanged} />}
      {tracking.canDispute && <DisputeCard code={tracking.trackingCode} onDisputed={onChanged} />}
      <Card size="small" title={t('public.track.timeline')} data-testid="track-timeline">
        <Timeline
          items={steps.map((step, index) => ({
            key: `${step.at}-${index}`,
            color: index === 0 ? stateColour(tracking.state) : 'gray',
            content: (
              <div data-testid="timeline-step">
                <Typography.Text strong={index === 0}>{eventLabel(hasText, t, step.event)}</Typography.Text>
                {step.unitName && (
                  <Typography.Text type="secondary">
                    {' · '}
                    {step.unitName}
                  </Typography.Text>
                )}
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>{formatMoment(language, step.at)}</div>
              </div>
            ),
          }))}
        />
      </Card>
    </>
  );
}

/** One case by its code. */
function TrackCase({ code }: { code: string }) {
  const { t, errorText } = useI18n();
  const loaded = useLoad(() => publicApi.track(code), [code]);
  // An answer to a rating, dispute or "me too" replaces the loaded case until the next load.
  const [changed, setChanged] = useState<PublicTracking | undefined>(undefined);
  const tracking = changed?.trackingCode === loaded.data?.trackingCode && changed ? changed : loaded.data;
  const refresh = () => {
    setChanged(undefined);
    loaded.reload();
  };
  if (loaded.isLoading && !tracking) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  if (loaded.error instanceof ApiError && (loaded.error.status === 404 || loaded.error.status === 400)) {
    return (
      <>
        <Result status="warning" title={t('public.track.notFound')} subTitle={code} />
        <TrackLookup initialCode={code} />
      </>
    );
  }
  if (loaded.error !== undefined || !tracking) {
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(loaded.error)}
        action={
          <Button size="small" onClick={refresh}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return (
    <>
      <TrackStatus tracking={tracking} onChanged={setChanged} onRefresh={refresh} />
      <div style={{ textAlign: 'center', padding: '4px 0 24px' }}>
        <Link to="/track">
          <SearchOutlined /> {t('public.track.another')}
        </Link>
      </div>
    </>
  );
}

/** The pages at /track (enter a code) and /track/:code (the case). */
export function TrackPage() {
  const { t } = useI18n();
  const { code } = useParams();
  const normalized = code ? normalizeTrackingCode(code) : undefined;
  return <PublicFrame title={t('public.track.title')}>{normalized ? <TrackCase key={normalized} code={normalized} /> : <TrackLookup />}</PublicFrame>;
}
