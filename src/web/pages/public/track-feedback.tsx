// What a resident can say back on the status page: the three call-back questions once the reply is
// reviewed (是否联系过您 / 是否解决 / 满意度), and a dispute of a closure with a reason.
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Form, Input, Radio } from 'antd';
import { publicApi, appealRatings, solvedAnswers, type AppealRating, type PublicTracking, type SolvedAnswer } from '../../api/public.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ratingLabel, solvedLabel } from './public-text.ts';

interface RatingFields {
  contacted?: boolean;
  solved?: SolvedAnswer;
  rating?: AppealRating;
}

const verticalRadios = { display: 'flex', flexDirection: 'column', gap: 10 } as const;

/** The call-back questions; the answer replaces the page's case (closed, or rectifying after a bad rating). */
export function RatingCard({ code, onRated }: { code: string; onRated(tracking: PublicTracking): void }) {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [isSending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const send = async (values: RatingFields) => {
    setSending(true);
    setFailure(undefined);
    try {
      const tracking = await publicApi.rate(code, { contacted: values.contacted!, solved: values.solved!, rating: values.rating! });
      message.success(tracking.state === 'rectifying' ? t('public.rate.rectifying') : t('public.rate.thanks'));
      onRated(tracking);
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };
  const required = [{ required: true, message: t('public.rate.required') }];
  return (
    <Card size="small" title={t('public.rate.title')} data-testid="rating-card" styles={{ header: { background: '#fffbe6' } }}>
      <Form<RatingFields> layout="vertical" size="large" requiredMark={false} onFinish={(values) => void send(values)}>
        <Form.Item name="contacted" label={t('public.rate.contacted')} rules={required}>
          <Radio.Group data-testid="rate-contacted">
            <Radio value={true}>{t('public.yes')}</Radio>
            <Radio value={false}>{t('public.no')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="solved" label={t('public.rate.solved')} rules={required}>
          <Radio.Group data-testid="rate-solved">
            {solvedAnswers.map((answer) => (
              <Radio key={answer} value={answer}>
                {solvedLabel(t, answer)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="rating" label={t('public.rate.rating')} rules={required}>
          <Radio.Group style={verticalRadios} data-testid="rate-rating">
            {appealRatings.map((rating) => (
              <Radio key={rating} value={rating}>
                {ratingLabel(t, rating)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {failure !== undefined && <Alert type="error" showIcon title={errorText(failure)} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block loading={isSending} data-testid="rate-submit">
          {t('public.rate.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** "对办理结果有异议": a button that opens a reason box. */
export function DisputeCard({ code, onDisputed }: { code: string; onDisputed(tracking: PublicTracking): void }) {
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [isOpen, setOpen] = useState(false);
  const [isSending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const send = async (values: { reason: string }) => {
    setSending(true);
    setFailure(undefined);
    try {
      const tracking = await publicApi.dispute(code, values.reason.trim());
      message.success(t('public.dispute.done'));
      setOpen(false);
      onDisputed(tracking);
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };
  if (!isOpen) {
    return (
      <Button block danger onClick={() => setOpen(true)} data-testid="dispute-open">
        {t('public.dispute.open')}
      </Button>
    );
  }
  return (
    <Card size="small" title={t('public.dispute.open')} data-testid="dispute-card">
      <Form<{ reason: string }> layout="vertical" requiredMark={false} onFinish={(values) => void send(values)}>
        <Form.Item
          name="reason"
          label={t('public.dispute.reason')}
          rules={[
            { required: true, whitespace: true, message: t('public.dispute.required') },
            { min: 2, message: t('public.dispute.required') },
          ]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('public.dispute.placeholder')} data-testid="dispute-reason" />
        </Form.Item>
        {failure !== undefined && <Alert type="error" showIcon title={errorText(failure)} style={{ marginBottom: 12 }} />}
        <div style={{ display: 'flex', gap: 8 }}>
          <Button onClick={() => setOpen(false)} style={{ flex: 1 }}>
            {t('public.dispute.cancel')}
          </Button>
          <Button type="primary" danger htmlType="submit" loading={isSending} style={{ flex: 1 }} data-testid="dispute-submit">
            {t('public.dispute.submit')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
