/** @jsxImportSource preact */
// The questionnaires a cadre can fill at a point (GET /api/questionnaires: open, and theirs to
// answer), kept for offline use, with how many answers of each wait on this phone.
import type { ScreenProps } from '../app.tsx';
import { answerableForms, fieldPaths, type MyPoint, type QuestionnaireSummary } from '../field-api.ts';
import { t } from '../i18n.ts';
import { navigate } from '../state.ts';
import type { ResponsePayload } from '../sync-contract.ts';
import { cacheKey, LoadedView, TopBar, useKept, useOutbox, useRead } from '../ui.tsx';

export default function FormsScreen({ params, profile }: ScreenProps) {
  const pointId = Number(params[0]);
  const forms = useRead<QuestionnaireSummary[]>(cacheKey(profile.accountId, fieldPaths.questionnaires), fieldPaths.questionnaires);
  const point = useKept<MyPoint[]>(cacheKey(profile.accountId, fieldPaths.myPoints))?.find((item) => item.id === pointId);
  const outbox = useOutbox(profile.accountId) ?? [];
  const waiting = (formId: number) =>
    outbox.filter((entry) => entry.kind === 'response' && entry.state !== 'synced' && entry.state !== 'superseded' && (entry.payload as unknown as ResponsePayload).questionnaireId === formId).length;

  return (
    <>
      <TopBar title={t('formsTitle')} backTo={`/m/points/${pointId}`} />
      <main>
        {point && <div class="muted">{point.name}</div>}
        <LoadedView loaded={forms}>
          {(items) => {
            const open = answerableForms(items);
            if (open.length === 0) return <p class="muted">{t('noForms')}</p>;
            return open.map((form) => (
              <a
                key={form.id}
                class="card"
                href={`/m/points/${pointId}/forms/${form.id}`}
                data-testid="form-card"
                data-form-id={form.id}
                onClick={(event) => (event.preventDefault(), navigate(`/m/points/${pointId}/forms/${form.id}`))}
              >
                <b>{form.title}</b>
                <div class="row">
                  <span class="tag">{t('questionCount', { n: form.questionCount })}</span>
                  {waiting(form.id) > 0 && <span class="tag pending">{t('pendingResponses', { n: waiting(form.id) })}</span>}
                </div>
              </a>
            ));
          }}
        </LoadedView>
      </main>
    </>
  );
}
