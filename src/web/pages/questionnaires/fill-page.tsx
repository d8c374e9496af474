// /questionnaires/:id/fill: a cadre (or the office) fills a form at a household in the browser.
// The cadre picks the point they are at; an answer may raise an appeal at that point. The client
// id of the draft is kept until the server has it, so a retry after a lost answer stores nothing twice.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Result, Select, Skeleton, Space, Switch, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { hasPermission, useProfile } from '../../auth/auth.tsx';
import { matchingApi } from '../../api/matching.ts';
import { intakeApi } from '../../api/public.ts';
import { questionnairesApi, type AcceptedResponse, type QuestionnaireDetail } from '../../api/questionnaires.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { newClientId } from '../public/draft-storage.ts';
import type { Answers } from '../../../shared/forms/filling.ts';
import { FormFiller } from './form-filler.tsx';

interface AppealDraft {
  isOn: boolean;
  categoryCode?: string;
  description: string;
}

function FillForm({ questionnaire }: { questionnaire: QuestionnaireDetail }) {
  const { t, language } = useI18n();
  const profile = useProfile();
  const isCadre = profile.role === 'cadre';
  const mayRaiseAppeal = hasPermission(profile, 'appeals.submit');
  const points = useLoad(() => (profile.cadreId !== null ? matchingApi.myPoints() : Promise.resolve([])), [profile.cadreId]);
  const categories = useLoad(() => (mayRaiseAppeal ? intakeApi.categories() : Promise.resolve([])), [mayRaiseAppeal]);
  const [answers, setAnswers] = useState<Answers>({});
  const [clientId, setClientId] = useState(newClientId);
  const [pointId, setPointId] = useState<number | undefined>(undefined);
  const [appeal, setAppeal] = useState<AppealDraft>({ isOn: false, description: '' });
  const [appealClientId, setAppealClientId] = useState(newClientId);
  const [isSubmitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [accepted, setAccepted] = useState<AcceptedResponse | undefined>(undefined);
  const [hasTried, setTried] = useState(false);

  const chosenPoint = pointId ?? (points.data?.length === 1 ? points.data[0].pointId : undefined);
  const isPointMissing = isCadre && chosenPoint === undefined;
  const isAppealIncomplete = appeal.isOn && (!appeal.categoryCode || appeal.description.trim().length < 2);

  const submit = async (toSend: Answers) => {
    setTried(true);
    if (isPointMissing || isAppealIncomplete) return;
    setSubmitting(true);
    setFailure(undefined);
    try {
      const result = await questionnairesApi.answer(questionnaire.id, {
        clientId,
        pointId: chosenPoint,
        answers: toSend,
        raiseAppeal: appeal.isOn && appeal.categoryCode ? { clientId: appealClientId, categoryCode: appeal.categoryCode, description: appeal.description.trim() } : undefined,
      });
      setAccepted(result);
      window.scrollTo({ top: 0 });
    } catch (error) {
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  const startAnother = () => {
    setAnswers({});
    setClientId(newClientId());
    setAppealClientId(newClientId());
    setAppeal({ isOn: false, description: '' });
    setAccepted(undefined);
    setFailure(undefined);
    setTried(false);
  };

  if (accepted) {
    return (
      <Card data-testid="fill-result">
        <Result
          status="success"
          title={t('questionnaires.fill.done')}
          subTitle={accepted.appeal ? t('questionnaires.fill.doneWithAppeal', { code: accepted.appeal.trackingCode }) : undefined}
          extra={[
            <Button key="again" type="primary" onClick={startAnother} data-testid="fill-another">
              {t('questionnaires.fill.another')}
            </Button>,
            accepted.appeal ? (
              <Link key="appeal" to={`/appeals/${accepted.appeal.id}`}>
                <Button>{t('questionnaires.fill.openAppeal')}</Button>
              </Link>
            ) : null,
          ]}
        />
      </Card>
    );
  }

  const footer = (
    <Card size="small" style={{ marginBottom: 16 }} title={t('questionnaires.fill.where')}>
      {profile.cadreId !== null && (
        <Form.Item
          label={t('questionnaires.fill.point')}
          required={isCadre}
          validateStatus={hasTried && isPointMissing ? 'error' : undefined}
          help={hasTried && isPointMissing ? t('questionnaires.fill.pointRequired') : undefined}
        >
          <Select
            value={chosenPoint}
            onChange={setPointId}
            loading={points.isLoading}
            placeholder={t('questionnaires.fill.pointPlaceholder')}
            options={(points.data ?? []).map((point) => ({ value: point.pointId, label: `${point.pointName}（${point.regionPath}）` }))}
            data-testid="fill-point"
          />
        </Form.Item>
      )}
      {profile.cadreId === null && <Typography.Paragraph type="secondary">{t('questionnaires.fill.noPoint')}</Typography.Paragraph>}
      {mayRaiseAppeal && (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Switch checked={appeal.isOn} onChange={(isOn) => setAppeal({ ...appeal, isOn })} disabled={chosenPoint === undefined} data-testid="fill-appeal-switch" />
            <span>{t('questionnaires.fill.raiseAppeal')}</span>
          </Space>
          {appeal.isOn && (
            <>
              <Form.Item label={t('questionnaires.fill.appealCategory')} required validateStatus={hasTried && !appeal.categoryCode ? 'error' : undefined}>
                <Select
                  value={appeal.categoryCode}
                  onChange={(categoryCode: string) => setAppeal({ ...appeal, categoryCode })}
                  options={(categories.data ?? []).map((category) => ({ value: category.code, label: language === 'zh' ? category.nameZh : category.nameEn }))}
                  data-testid="fill-appeal-category"
                />
              </Form.Item>
              <Form.Item label={t('questionnaires.fill.appealDescription')} required validateStatus={hasTried && appeal.description.trim().length < 2 ? 'error' : undefined}>
                <Input.TextArea rows={3} maxLength={4000} value={appeal.description} onChange={(event) => setAppeal({ ...appeal, description: event.target.value })} data-testid="fill-appeal-description" />
              </Form.Item>
            </>
          )}
        </>
      )}
    </Card>
  );

  return (
    <FormFiller
      form={questionnaire.definition}
      answers={answers}
      onChange={setAnswers}
      onSubmit={(toSend) => void submit(toSend)}
      isSubmitting={isSubmitting}
      failure={failure}
      submitLabel={t('questionnaires.fill.submit')}
      footer={footer}
    />
  );
}

/** The fill page of one form. */
export function QuestionnaireFillPage() {
  const { t, errorText } = useI18n();
  const id = Number(useParams().id);
  const questionnaire = useLoad(() => questionnairesApi.get(id), [id]);
  return (
    <div style={{ maxWidth: 760 }}>
      <Link to="/questionnaires">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('questionnaires.back')}
        </Button>
      </Link>
      {questionnaire.isLoading && <Skeleton active />}
      {questionnaire.error !== undefined && <Alert type="error" showIcon title={errorText(questionnaire.error)} />}
      {questionnaire.data && (
        <>
          <Typography.Title level={3} data-testid="fill-title">
            {questionnaire.data.title}
          </Typography.Title>
          {!questionnaire.data.isOpen ? <Alert type="warning" showIcon title={t('questionnaires.closedNotice')} /> : <FillForm questionnaire={questionnaire.data} />}
        </>
      )}
    </div>
  );
}
