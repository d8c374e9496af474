/** @jsxImportSource preact */
// Fill a questionnaire at a point, offline: the form comes from the phone's copy, every change runs
// validateAnswers — the same evaluator the server runs again — so skip logic, calculations and
// constraints (with the form's own messages) work without a connection. Saved answers go into the
// outbox as a 'response' record under a client id made here; the server checks them again and a
// refusal comes back to this form (?fix=) with the question named. An answer may raise an appeal.
import { useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { ScreenProps } from '../app.tsx';
import { fieldPaths, type AppealCategory, type HouseholdList, type QuestionnaireDetail } from '../field-api.ts';
import { isClean, newClientId, saveRecord, textProblem, useFixTarget } from '../forms.ts';
import { currentLanguage, pick, t } from '../i18n.ts';
import type { OutboxRecord } from '../store.ts';
import type { ResponsePayload } from '../sync-contract.ts';
import { cacheKey, CategorySelect, Field, LoadedView, TopBar, useKept, useRead } from '../ui.tsx';
import { textIn, validateAnswers, type AnswerInput, type FormDefinition, type FormItem, type Question } from '../../shared/forms/form-definition.ts';
import { allItemNames, answersToSend, formLanguageFor, type Answers } from '../../shared/forms/filling.ts';

/** The server's refusals of this record by question name (shown at the questions when fixing it). */
function serverProblems(target: OutboxRecord | undefined, names: Set<string>): Map<string, string> {
  const problems = new Map<string, string>();
  for (const detail of target?.result?.error?.details ?? []) if (names.has(detail.field)) problems.set(detail.field, pick(detail.message, detail.messageEn));
  return problems;
}

function QuestionInput({ question, form, value, language, onChange }: { question: Question; form: FormDefinition; value: AnswerInput; language: string; onChange(next: AnswerInput): void }) {
  const text = (localized: Record<string, string> | undefined) => textIn(localized, language, form.settings.defaultLanguage);
  const single = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const testId = `answer-${question.name}`;
  const choices = Object.hasOwn(form.choiceLists, question.listName ?? '') ? form.choiceLists[question.listName!] : [];
  switch (question.type) {
    case 'select_one':
      return (
        <div data-testid={testId} role="radiogroup">
          {choices.map((choice) => (
            <label key={choice.name} class="option">
              <input type="radio" name={question.name} value={choice.name} checked={single === choice.name} onChange={() => onChange(choice.name)} />
              {text(choice.label) || choice.name}
            </label>
          ))}
        </div>
      );
    case 'select_multiple': {
      const selected = Array.isArray(value) ? value.map(String) : single ? single.split(/\s+/) : [];
      return (
        <div data-testid={testId}>
          {choices.map((choice) => (
            <label key={choice.name} class="option">
              <input
                type="checkbox"
                value={choice.name}
                checked={selected.includes(choice.name)}
                onChange={(event) => onChange(event.currentTarget.checked ? [...selected, choice.name] : selected.filter((name) => name !== choice.name))}
              />
              {text(choice.label) || choice.name}
            </label>
          ))}
        </div>
      );
    }
    case 'integer':
    case 'decimal':
      return <input inputMode={question.type === 'integer' ? 'numeric' : 'decimal'} value={single} onInput={(event) => onChange(event.currentTarget.value)} data-testid={testId} />;
    case 'date':
      return <input type="date" value={single} onInput={(event) => onChange(event.currentTarget.value)} data-testid={testId} />;
    default:
      return <textarea value={single} maxLength={2000} onInput={(event) => onChange(event.currentTarget.value)} data-testid={testId} style={{ minHeight: 56 }} />;
  }
}

interface AppealDraft {
  isOn: boolean;
  clientId: string;
  categoryCode: string;
  description: string;
}

function FillForm({ pointId, accountId, form, fixTarget }: { pointId: number; accountId: number; form: QuestionnaireDetail; fixTarget?: OutboxRecord }) {
  const fixed = fixTarget?.payload as unknown as ResponsePayload | undefined;
  const definition = form.definition as FormDefinition;
  const language = formLanguageFor(definition, currentLanguage());
  const [clientId] = useState(() => fixTarget?.clientId ?? newClientId());
  const [answers, setAnswers] = useState<Answers>(() => ({ ...(fixed?.answers ?? {}) }));
  const [householdId, setHouseholdId] = useState(fixed?.householdId ? String(fixed.householdId) : '');
  const [appeal, setAppeal] = useState<AppealDraft>(() => ({
    isOn: Boolean(fixed?.raiseAppeal),
    clientId: fixed?.raiseAppeal?.clientId ?? newClientId(),
    categoryCode: fixed?.raiseAppeal?.categoryCode ?? '',
    description: fixed?.raiseAppeal?.description ?? '',
  }));
  const [hasTried, setTried] = useState(false);
  const [changed, setChanged] = useState<Set<string>>(new Set());
  const [isSaving, setSaving] = useState(false);
  const households = useKept<HouseholdList>(cacheKey(accountId, fieldPaths.households(pointId)));
  const categories = useRead<AppealCategory[]>(cacheKey(accountId, fieldPaths.categories), fieldPaths.categories);
  const check = useMemo(() => validateAnswers(definition, answers, { language }), [definition, answers, language]);
  const refusedByServer = useMemo(() => serverProblems(fixTarget, allItemNames(definition.items)), [fixTarget, definition]);
  const text = (localized: Record<string, string> | undefined) => textIn(localized, language, definition.settings.defaultLanguage);

  const errorOf = (name: string): string | undefined => {
    const problem = check.errors.find((error) => error.name === name);
    if (problem && (problem.code !== 'required' || hasTried)) return problem.message;
    return changed.has(name) ? undefined : refusedByServer.get(name);
  };
  const change = (name: string, value: AnswerInput) => {
    setChanged((previous) => new Set(previous).add(name));
    setAnswers({ ...answers, [name]: value });
  };
  const appealProblems = {
    category: appeal.isOn && !appeal.categoryCode ? t('chooseCategory') : undefined,
    description: appeal.isOn ? textProblem(appeal.description, { isRequired: true, min: 2 }) : undefined,
  };
  const blocking = check.errors.filter((error) => error.code !== 'required' || hasTried).length;

  const submit = async (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (check.errors.length > 0 || !isClean(appealProblems) || isSaving) {
      const first = check.errors[0];
      if (first) document.querySelector(`[data-question="${CSS.escape(first.name)}"]`)?.scrollIntoView({ block: 'center' });
      return;
    }
    setSaving(true);
    const payload: ResponsePayload = {
      questionnaireId: form.id,
      pointId,
      ...(householdId ? { householdId: Number(householdId) } : {}),
      answers: answersToSend(answers),
      ...(appeal.isOn ? { raiseAppeal: { clientId: appeal.clientId, categoryCode: appeal.categoryCode, description: appeal.description.trim() } } : {}),
    };
    const household = households?.items.find((item) => String(item.id) === householdId);
    await saveRecord(fixTarget, { clientId, kind: 'response', pointId, payload, summary: household ? `${form.title} · ${household.headName}` : form.title }, `/m/points/${pointId}/forms`);
  };

  const renderItems = (items: readonly FormItem[]): ComponentChildren =>
    items.map((item) => {
      if (!check.visible.has(item.name)) return null;
      if (item.kind === 'group') {
        return (
          <fieldset key={item.name} data-testid={`group-${item.name}`}>
            <legend>{text(item.label) || item.name}</legend>
            {text(item.hint) && <div class="muted">{text(item.hint)}</div>}
            {renderItems(item.items)}
          </fieldset>
        );
      }
      const label = text(item.label);
      if (item.type === 'note') {
        return (
          <div key={item.name} class="notice ok" data-question={item.name}>
            {label}
          </div>
        );
      }
      if (item.type === 'calculate') {
        if (!label) return null;
        return (
          <div key={item.name} class="row" data-question={item.name}>
            <span class="grow muted">{label}</span>
            <b data-testid={`calculated-${item.name}`}>{check.calculated[item.name] || '—'}</b>
          </div>
        );
      }
      const error = errorOf(item.name);
      return (
        <div key={item.name} data-question={item.name} data-testid={`question-${item.name}`}>
          {/* Not a <label>: a choice list holds labels of its own. */}
          <div class="field">
            <span>
              {label || item.name}
              {item.required ? ' *' : ''}
            </span>
            {text(item.hint) && <span class="muted">{text(item.hint)}</span>}
            <QuestionInput question={item} form={definition} value={answers[item.name]} language={language} onChange={(next) => change(item.name, next)} />
          </div>
          {error && (
            <div class="error" data-testid={`question-error-${item.name}`}>
              {error}
            </div>
          )}
        </div>
      );
    });

  return (
    <>
      <TopBar title={form.title} backTo={`/m/points/${pointId}/forms`} />
      <main>
        <form class="card" onSubmit={submit} data-testid="form-fill" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <Field label={t('atHousehold')}>
            <select value={householdId} onChange={(event) => setHouseholdId(event.currentTarget.value)} data-testid="form-household">
              <option value="">{t('noHousehold')}</option>
              {(households?.items ?? []).map((item) => (
                <option key={item.id} value={String(item.id)}>
                  {item.headName}
                  {item.address ? ` · ${item.address}` : ''}
                </option>
              ))}
            </select>
          </Field>
          {renderItems(definition.items)}
          <label class="check">
            <input type="checkbox" checked={appeal.isOn} onChange={(event) => setAppeal({ ...appeal, isOn: event.currentTarget.checked })} data-testid="form-raise-appeal" />
            {t('raiseAppeal')}
          </label>
          {appeal.isOn && (
            <>
              <Field label={t('category')} error={hasTried ? appealProblems.category : undefined}>
                <CategorySelect value={appeal.categoryCode} onChange={(categoryCode) => setAppeal({ ...appeal, categoryCode })} categories={categories.data ?? []} testId="form-appeal-category" />
              </Field>
              <Field label={t('description')} error={hasTried ? appealProblems.description : undefined}>
                <textarea value={appeal.description} onInput={(event) => setAppeal({ ...appeal, description: event.currentTarget.value })} data-testid="form-appeal-description" />
              </Field>
            </>
          )}
          {hasTried && blocking > 0 && (
            <div class="notice" data-testid="fill-blocked">
              {t('fixFirst', { n: blocking })}
            </div>
          )}
          <button type="submit" class="primary" disabled={isSaving} data-testid="form-save">
            {t('submitAnswers')}
          </button>
        </form>
      </main>
    </>
  );
}

export default function FormFillScreen({ params, query, profile }: ScreenProps) {
  const pointId = Number(params[0]);
  const path = fieldPaths.questionnaire(Number(params[1]));
  const form = useRead<QuestionnaireDetail>(cacheKey(profile.accountId, path), path);
  const { target, isReady } = useFixTarget(profile.accountId, query);
  if (!isReady) return null;
  if (form.data === undefined && !form.isLoading) {
    return (
      <>
        <TopBar title={t('formsTitle')} backTo={`/m/points/${pointId}/forms`} />
        <main>
          <div class="notice">{t('formUnavailable')}</div>
        </main>
      </>
    );
  }
  return (
    <LoadedView loaded={form}>
      {(detail) => <FillForm key={detail.id} pointId={pointId} accountId={profile.accountId} form={detail} fixTarget={target} />}
    </LoadedView>
  );
}
