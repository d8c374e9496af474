// /f/:token: a questionnaire sent as a public link, filled without an account on the resident's
// own phone, with the same live checks as the cadre's page (and the server's). The client id of
// the draft lives in sessionStorage, so a retry after a lost answer does not count it twice.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Result, Skeleton } from 'antd';
import { ApiError } from '../../api/client.ts';
import { questionnairesApi, type PublicForm } from '../../api/questionnaires.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { useDraft } from '../public/draft-storage.ts';
import { PublicFrame } from '../public/public-frame.tsx';
import type { Answers } from '../../../shared/forms/filling.ts';
import { FormFiller } from './form-filler.tsx';

function PublicFiller({ token, form }: { token: string; form: PublicForm }) {
  const { t } = useI18n();
  const { draft, update, finish } = useDraft<{ answers: Answers }>(`form.${token}`, { answers: {} });
  const [isSubmitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [isDone, setDone] = useState(false);

  const submit = async (answers: Answers) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      await questionnairesApi.answerPublic(token, { clientId: draft.clientId, answers });
      finish({ answers: {} });
      setDone(true);
      window.scrollTo({ top: 0 });
    } catch (error) {
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  if (isDone) {
    return (
      <Card data-testid="public-form-done">
        <Result status="success" title={t('questionnaires.public.done')} subTitle={t('questionnaires.public.doneHint')} />
        <Button block onClick={() => setDone(false)}>
          {t('questionnaires.public.another')}
        </Button>
      </Card>
    );
  }
  return (
    <Card size="small">
      <FormFiller
        key={draft.clientId}
        form={form.definition}
        answers={draft.fields.answers}
        onChange={(answers) => update({ answers })}
        onSubmit={(answers) => void submit(answers)}
        isSubmitting={isSubmitting}
        failure={failure}
        submitLabel={t('questionnaires.public.submit')}
        isCompact
      />
    </Card>
  );
}

/** The public link page of a questionnaire. */
export function PublicFormPage() {
  const { t, errorText } = useI18n();
  const token = useParams().token ?? '';
  const form = useLoad(() => questionnairesApi.publicForm(token), [token]);
  const title = form.data?.title ?? t('questionnaires.public.title');
  return (
    <PublicFrame title={title}>
      {form.isLoading && <Skeleton active />}
      {form.error instanceof ApiError && (form.error.status === 404 || form.error.status === 400) && <Result status="404" title={t('questionnaires.public.missing')} />}
      {form.error !== undefined && !(form.error instanceof ApiError && (form.error.status === 404 || form.error.status === 400)) && <Alert type="error" showIcon title={errorText(form.error)} />}
      {form.data && (
        <>
          <h1 style={{ fontSize: 20, margin: '4px 0' }} data-testid="public-form-title">
            {form.data.title}
          </h1>
          {form.data.isOpen ? <PublicFiller token={token} form={form.data} /> : <Result status="info" title={t('questionnaires.public.closed')} />}
        </>
      )}
    </PublicFrame>
  );
}
