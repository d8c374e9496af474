// The suggestion box of one contact point (/box/:pointId), opened from the QR code on the poster:
// no account, phone first. The resident sees what is already being handled here (and may say
// "me too"), picks a category, describes the problem, may add a photo, may stay anonymous, and
// gets a tracking code. The draft and its client id live in sessionStorage, so a retry after a
// lost answer returns the case the first attempt created instead of filing a second one.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Result, Skeleton, Switch, Typography } from 'antd';
import { EnvironmentOutlined, SearchOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { publicApi, type PublicPoint, type SubmitResult } from '../../api/public.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { rememberTrackingCode, useDraft } from './draft-storage.ts';
import { OpenCasesCard } from './open-cases-card.tsx';
import type { PreparedPhoto } from './photo-downscale.ts';
import { PhotoPicker } from './photo-picker.tsx';
import { PublicFrame } from './public-frame.tsx';
import { TrackingCodeCard } from './tracking-code-card.tsx';

const maxPhotos = 3;
const phonePattern = /^[0-9+\-\s()]{5,20}$/;

interface BoxFields {
  categoryCode?: string;
  description: string;
  address: string;
  contactName: string;
  contactPhone: string;
  isAnonymous: boolean;
  isConfidential: boolean;
}

const emptyFields: BoxFields = { categoryCode: undefined, description: '', address: '', contactName: '', contactPhone: '', isAnonymous: false, isConfidential: false };

/** Categories as a grid of large buttons (a radio group), easier to hit on a phone than a dropdown. */
function CategoryChooser({ categories, value, onChange }: { categories: PublicPoint['categories']; value?: string; onChange?: (code: string) => void }) {
  const { language } = useI18n();
  return (
    <div role="radiogroup" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(100px, 1fr))', gap: 8 }} data-testid="category-chooser">
      {categories.map((category) => {
        const isChosen = value === category.code;
        return (
          <Button
            key={category.code}
            role="radio"
            aria-checked={isChosen}
            type={isChosen ? 'primary' : 'default'}
            autoInsertSpace={false}
            onClick={() => onChange?.(category.code)}
            style={{ height: 44, whiteSpace: 'normal', lineHeight: 1.2, paddingInline: 6 }}
          >
            {language === 'zh' ? category.nameZh : category.nameEn}
          </Button>
        );
      })}
    </div>
  );
}

/** A switch with its label and a one-line explanation beside it (one tap target, no form grid). */
function SwitchRow({ name, label, hint, testId }: { name: 'isAnonymous' | 'isConfidential'; label: string; hint: string; testId: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'flex-start', gap: 12, marginBottom: 20 }}>
      <Form.Item name={name} valuePropName="checked" noStyle>
        <Switch id={testId} data-testid={testId} style={{ marginTop: 2 }} />
      </Form.Item>
      <label htmlFor={testId} style={{ cursor: 'pointer' }}>
        <Typography.Text strong>{label}</Typography.Text>
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {hint}
        </Typography.Text>
      </label>
    </div>
  );
}

function trimmed(text: string | undefined): string | undefined {
  const value = text?.trim();
  return value ? value : undefined;
}

/** The form and, after a submission, the tracking code. */
function BoxForm({ point }: { point: PublicPoint }) {
  const { t, errorText } = useI18n();
  const [form] = Form.useForm<BoxFields>();
  const { draft, update, finish } = useDraft<BoxFields>(`box.${point.id}`, emptyFields);
  const [photos, setPhotos] = useState<PreparedPhoto[]>([]);
  const [isSubmitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [result, setResult] = useState<SubmitResult | undefined>(undefined);
  const isAnonymous = Form.useWatch('isAnonymous', form) ?? draft.fields.isAnonymous;

  const submit = async (values: BoxFields) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      const answer = await publicApi.submit(point.id, {
        clientId: draft.clientId,
        categoryCode: values.categoryCode!,
        description: values.description.trim(),
        address: trimmed(values.address),
        contactName: values.isAnonymous ? undefined : trimmed(values.contactName),
        contactPhone: values.isAnonymous ? undefined : trimmed(values.contactPhone),
        isAnonymous: values.isAnonymous,
        isConfidential: values.isConfidential,
        photos: photos.map(({ contentType, dataBase64 }) => ({ contentType, dataBase64 })),
      });
      rememberTrackingCode(answer.trackingCode);
      // The same resident may report another problem: keep how to reach them, start a new draft.
      const kept = { contactName: values.contactName, contactPhone: values.contactPhone, isAnonymous: values.isAnonymous };
      finish(kept);
      // The form instance outlives the remount and its values win over initialValues: clear them here.
      form.setFieldsValue({ ...emptyFields, ...kept });
      for (const photo of photos) URL.revokeObjectURL(photo.previewUrl);
      setPhotos([]);
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
      <Card data-testid="box-result">
        <Result
          status="success"
          title={t('public.box.done')}
          subTitle={result.isNew ? t('public.box.doneHint') : t('public.box.doneAgain')}
          style={{ padding: '8px 0' }}
        />
        <TrackingCodeCard code={result.trackingCode} />
        <Button block size="large" style={{ marginTop: 12 }} onClick={() => setResult(undefined)} data-testid="box-another">
          {t('public.box.another')}
        </Button>
      </Card>
    );
  }

  const isNetworkFailure = failure instanceof ApiError && (failure.code === 'NETWORK' || failure.status >= 500);
  return (
    <Card title={t('public.box.form')} size="small">
      <Form<BoxFields>
        key={draft.clientId}
        form={form}
        layout="vertical"
        size="large"
        initialValues={draft.fields}
        onValuesChange={(_changed, all) => update(all)}
        onFinish={(values) => void submit(values)}
        requiredMark={false}
        data-testid="box-form"
      >
        <Form.Item name="categoryCode" label={t('public.box.category')} rules={[{ required: true, message: t('public.box.categoryRequired') }]}>
          <CategoryChooser categories={point.categories} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('public.box.description')}
          rules={[
            { required: true, whitespace: true, message: t('public.box.descriptionRequired') },
            { min: 2, message: t('public.box.descriptionRequired') },
          ]}
        >
          <Input.TextArea rows={5} maxLength={4000} placeholder={t('public.box.descriptionPlaceholder')} data-testid="box-description" />
        </Form.Item>
        <Form.Item name="address" label={t('public.box.address')}>
          <Input maxLength={200} placeholder={t('public.box.addressPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('public.box.photos', { max: maxPhotos })}>
          <PhotoPicker photos={photos} onChange={setPhotos} max={maxPhotos} disabled={isSubmitting} />
        </Form.Item>
        <SwitchRow name="isAnonymous" label={t('public.box.anonymous')} hint={t('public.box.anonymousHint')} testId="box-anonymous" />
        {!isAnonymous && (
          <>
            <Form.Item name="contactName" label={t('public.box.contactName')}>
              <Input maxLength={40} placeholder={t('public.box.contactNamePlaceholder')} autoComplete="name" data-testid="box-contact-name" />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label={t('public.box.contactPhone')}
              extra={t('public.box.contactHint')}
              rules={[{ pattern: phonePattern, message: t('public.box.phoneInvalid') }]}
            >
              <Input type="tel" inputMode="tel" maxLength={20} autoComplete="tel" data-testid="box-contact-phone" />
            </Form.Item>
          </>
        )}
        <SwitchRow name="isConfidential" label={t('public.box.confidential')} hint={t('public.box.confidentialHint')} testId="box-confidential" />
        {failure !== undefined && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(failure)} description={isNetworkFailure ? t('public.box.retryHint') : undefined} data-testid="box-error" />
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting} data-testid="box-submit">
          {t('public.box.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The page at /box/:pointId. */
export function SuggestionBoxPage() {
  const { t, errorText } = useI18n();
  const { pointId } = useParams();
  const id = Number(pointId);
  const isValidId = Number.isInteger(id) && id > 0;
  const point = useLoad(() => (isValidId ? publicApi.point(id) : Promise.reject(new ApiError(404, 'NOT_FOUND', '', ''))), [id]);
  const isMissing = !isValidId || (point.error instanceof ApiError && point.error.status === 404);

  return (
    <PublicFrame title={point.data?.name ?? t('public.box.title')}>
      {point.isLoading ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : isMissing ? (
        <Result status="404" title={t('public.box.pointMissing')} />
      ) : point.error !== undefined || !point.data ? (
        <Alert
          type="error"
          showIcon
          title={errorText(point.error)}
          action={
            <Button size="small" onClick={point.reload}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : (
        <>
          <Card size="small" data-testid="box-point">
            <Typography.Text type="secondary">{t('public.box.title')}</Typography.Text>
            <Typography.Title level={3} style={{ margin: '2px 0 4px' }} data-testid="box-point-name">
              {point.data.name}
            </Typography.Title>
            <Typography.Text type="secondary">
              <EnvironmentOutlined /> {point.data.regionPath}
            </Typography.Text>
            <Typography.Paragraph style={{ margin: '8px 0 0' }}>{t('public.box.intro')}</Typography.Paragraph>
          </Card>
          {point.data.openCases.length > 0 && <OpenCasesCard cases={point.data.openCases} categories={point.data.categories} />}
          <BoxForm point={point.data} />
          <div style={{ textAlign: 'center', padding: '4px 0 24px' }}>
            <Link to="/track">
              <SearchOutlined /> {t('public.box.trackLink')}
            </Link>
          </div>
        </>
      )}
    </PublicFrame>
  );
}
