// The cadre's phone intake (/appeals/new, 记诉求): record what a resident says at the doorstep in
// under a minute on a 390 px screen, with at most six inputs — point (pre-filled with the
// cadre's first point), channel (pre-filled 入户走访), category, description, the resident's phone
// and an anonymous switch. The draft and its client id stay in sessionStorage until a success, so
// pressing submit again after the network dropped finds the case instead of recording it twice.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Select, Skeleton, Switch, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { matchingApi, type MyPoint } from '../../api/matching.ts';
import { intakeApi, intakeChannels, type AppealCategory, type IntakeChannel, type SubmitResult } from '../../api/public.ts';
import { useProfile } from '../../auth/auth.tsx';
import { RegionPicker } from '../../components/region-picker.tsx';
import { useI18n, type TextKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { useDraft } from '../public/draft-storage.ts';
import { TrackingCodeCard } from '../public/tracking-code-card.tsx';

const phonePattern = /^[0-9+\-\s()]{5,20}$/;

interface IntakeFields {
  pointId?: number;
  regionCode?: string;
  channel: IntakeChannel;
  categoryCode?: string;
  description: string;
  contactPhone: string;
  isAnonymous: boolean;
}

const emptyFields: IntakeFields = { pointId: undefined, regionCode: undefined, channel: 'household_visit', categoryCode: undefined, description: '', contactPhone: '', isAnonymous: false };

/** The form, once the cadre's points and the categories are known. */
function IntakeForm({ points, categories }: { points: MyPoint[]; categories: AppealCategory[] }) {
  const { t, language, errorText } = useI18n();
  const [form] = Form.useForm<IntakeFields>();
  const { draft, update, finish } = useDraft<IntakeFields>('phone-intake', emptyFields);
  const [isSubmitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [result, setResult] = useState<SubmitResult | undefined>(undefined);
  const hasPoints = points.length > 0;
  // A kept draft may name a point the cadre no longer holds: fall back to the first one.
  const initialPointId = points.some((point) => point.pointId === draft.fields.pointId) ? draft.fields.pointId : points[0]?.pointId;
  const isAnonymous = Form.useWatch('isAnonymous', form) ?? draft.fields.isAnonymous;
  const chosenPointId = Form.useWatch('pointId', form) ?? initialPointId;
  const chosenPoint = points.find((point) => point.pointId === chosenPointId);

  const submit = async (values: IntakeFields) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      const phone = values.contactPhone?.trim();
      const answer = await intakeApi.submit({
        clientId: draft.clientId,
        channel: values.channel,
        categoryCode: values.categoryCode!,
        ...(hasPoints ? { pointId: values.pointId } : { regionCode: values.regionCode }),
        description: values.description.trim(),
        contactPhone: values.isAnonymous || !phone ? undefined : phone,
        isAnonymous: values.isAnonymous,
      });
      // The next one is most likely at the same place, in the same way.
      const kept = { pointId: values.pointId, regionCode: values.regionCode, channel: values.channel };
      finish(kept);
      // The form instance outlives the remount and its values win over initialValues: clear them here.
      form.setFieldsValue({ ...emptyFields, ...kept });
      setResult(answer);
      window.scrollTo({ top: 0 });
    } catch (error) {
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  if (result) {
    return (
      <Card data-testid="intake-result">
        <Result status="success" title={t('intake.done')} subTitle={result.isNew ? t('intake.doneHint') : t('intake.doneAgain')} style={{ padding: '8px 0' }} />
        <TrackingCodeCard code={result.trackingCode} />
        <Button type="primary" block size="large" style={{ marginTop: 12 }} onClick={() => setResult(undefined)} data-testid="intake-again">
          {t('intake.again')}
        </Button>
      </Card>
    );
  }

  const isNetworkFailure = failure instanceof ApiError && (failure.code === 'NETWORK' || failure.status >= 500);
  return (
    <Card size="small">
      <Form<IntakeFields>
        key={draft.clientId}
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ ...draft.fields, pointId: initialPointId }}
        onValuesChange={(_changed, all) => update(all)}
        onFinish={(values) => void submit(values)}
        data-testid="intake-form"
        style={{ marginBottom: -8 }}
      >
        {hasPoints ? (
          <Form.Item
            name="pointId"
            label={t('intake.point')}
            rules={[{ required: true, message: t('intake.pointRequired') }]}
            extra={chosenPoint?.regionPath}
            style={{ marginBottom: 12 }}
          >
            <Select options={points.map((point) => ({ value: point.pointId, label: point.pointName }))} data-testid="intake-point" />
          </Form.Item>
        ) : (
          <Form.Item
            name="regionCode"
            label={t('intake.village')}
            extra={t('intake.noPoints')}
            style={{ marginBottom: 12 }}
            rules={[{ validator: async (_rule, value: string | undefined) => (value && value.length === 12 ? undefined : Promise.reject(new Error(t('intake.villageRequired')))) }]}
          >
            <RegionPicker maxLevel={5} isVertical />
          </Form.Item>
        )}
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="channel" label={t('intake.channel')} style={{ flex: 1, minWidth: 0, marginBottom: 12 }}>
            <Select options={intakeChannels.map((channel) => ({ value: channel, label: t(`intake.channel.${channel}` as TextKey) }))} data-testid="intake-channel" />
          </Form.Item>
          <Form.Item name="categoryCode" label={t('intake.category')} rules={[{ required: true, message: t('intake.categoryRequired') }]} style={{ flex: 1, minWidth: 0, marginBottom: 12 }}>
            <Select
              options={categories.map((category) => ({ value: category.code, label: language === 'zh' ? category.nameZh : category.nameEn }))}
              placeholder={t('intake.category')}
              data-testid="intake-category"
            />
          </Form.Item>
        </div>
        <Form.Item
          name="description"
          label={t('intake.description')}
          style={{ marginBottom: 12 }}
          rules={[
            { required: true, whitespace: true, message: t('intake.descriptionRequired') },
            { min: 2, message: t('intake.descriptionRequired') },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 8 }} maxLength={4000} placeholder={t('intake.descriptionPlaceholder')} data-testid="intake-description" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
          {!isAnonymous && (
            <Form.Item name="contactPhone" label={t('intake.phone')} rules={[{ pattern: phonePattern, message: t('intake.phoneInvalid') }]} style={{ flex: 1, minWidth: 0, marginBottom: 12 }}>
              <Input type="tel" inputMode="tel" maxLength={20} autoComplete="off" data-testid="intake-phone" />
            </Form.Item>
          )}
          <Form.Item name="isAnonymous" label={t('intake.anonymous')} valuePropName="checked" style={{ flex: isAnonymous ? 1 : undefined, marginBottom: 12 }}>
            <Switch data-testid="intake-anonymous" />
          </Form.Item>
        </div>
        {failure !== undefined && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(failure)} description={isNetworkFailure ? t('intake.retryHint') : undefined} data-testid="intake-error" />
        )}
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting} data-testid="intake-submit">
            {t('intake.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** The page at /appeals/new. */
export function PhoneIntakePage() {
  const { t, errorText } = useI18n();
  const profile = useProfile();
  const setup = useLoad(
    () => Promise.all([profile.cadreId ? matchingApi.myPoints() : Promise.resolve([] as MyPoint[]), intakeApi.categories()]).then(([points, categories]) => ({ points, categories })),
    [profile.cadreId],
  );
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('intake.title')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('intake.subtitle')}
        </Typography.Text>
      </div>
      {setup.isLoading ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : setup.error !== undefined || !setup.data ? (
        <Alert
          type="error"
          showIcon
          title={errorText(setup.error)}
          action={
            <Button size="small" onClick={setup.reload}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : (
        <IntakeForm points={setup.data.points} categories={setup.data.categories} />
      )}
    </div>
  );
}
