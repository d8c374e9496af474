/** @jsxImportSource preact */
// Record a household visit: date (today), visitors (the cadre), outcome — received, nobody home, or
// refused at the door (吃闭门羹, counted, not hidden) — notes, and the needs found, each a category
// and a description that the server files as an appeal (its appealClientId made here, once).
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app.tsx';
import { fieldPaths, type AppealCategory, type HouseholdList } from '../field-api.ts';
import { isClean, newClientId, optional, phoneProblem, saveRecord, textProblem, useFixTarget } from '../forms.ts';
import { t } from '../i18n.ts';
import { today } from '../state.ts';
import type { OutboxRecord } from '../store.ts';
import { visitOutcomes, type NeedPayload, type VisitOutcome, type VisitPayload } from '../sync-contract.ts';
import { cacheKey, CategorySelect, Choices, Field, TopBar, useKept, useOutbox, useRead } from '../ui.tsx';

interface NeedDraft {
  appealClientId: string;
  categoryCode: string;
  description: string;
  contactPhone: string;
  isAnonymous: boolean;
}

function VisitForm({ pointId, householdClientId, profile, fixTarget }: { pointId: number; householdClientId: string; profile: ScreenProps['profile']; fixTarget?: OutboxRecord }) {
  const fixed = fixTarget?.payload as unknown as VisitPayload | undefined;
  const [clientId] = useState(() => fixTarget?.clientId ?? newClientId());
  const [visitedOn, setVisitedOn] = useState(fixed?.visitedOn ?? today());
  const [visitors, setVisitors] = useState(fixed?.visitors ?? profile.displayName);
  const [outcome, setOutcome] = useState<VisitOutcome>(fixed?.outcome ?? 'received');
  const [notes, setNotes] = useState(fixed?.notes ?? '');
  const [needs, setNeeds] = useState<NeedDraft[]>(() =>
    (fixed?.needs ?? []).map((need) => ({ appealClientId: need.appealClientId, categoryCode: need.categoryCode, description: need.description, contactPhone: need.contactPhone ?? '', isAnonymous: need.isAnonymous ?? false })),
  );
  const [isChecked, setChecked] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const categories = useRead<AppealCategory[]>(cacheKey(profile.accountId, fieldPaths.categories), fieldPaths.categories);
  const households = useKept<HouseholdList>(cacheKey(profile.accountId, fieldPaths.households(pointId)));
  const outbox = useOutbox(profile.accountId);
  const householdName =
    households?.items.find((item) => item.clientId === householdClientId)?.headName ??
    (outbox?.find((entry) => entry.kind === 'household' && entry.clientId === householdClientId)?.payload.headName as string | undefined) ??
    '';

  const problems = {
    visitedOn: visitedOn ? undefined : t('required'),
    visitors: textProblem(visitors, { isRequired: true }),
    notes: textProblem(notes),
    ...Object.fromEntries(
      needs.flatMap((need, index) => [
        [`category${index}`, need.categoryCode ? undefined : t('chooseCategory')],
        [`description${index}`, textProblem(need.description, { isRequired: true, min: 2 })],
        [`phone${index}`, phoneProblem(need.contactPhone)],
      ]),
    ),
  } as Record<string, string | undefined>;
  const shown = (key: string) => (isChecked ? problems[key] : undefined);
  const changeNeed = (index: number, change: Partial<NeedDraft>) => setNeeds(needs.map((need, at) => (at === index ? { ...need, ...change } : need)));

  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (!isClean(problems) || isSaving) return;
    setSaving(true);
    const payload: VisitPayload = {
      householdClientId,
      visitedOn,
      visitors: visitors.trim(),
      outcome,
      notes: optional(notes),
      needs: needs.map(
        (need): NeedPayload => ({
          appealClientId: need.appealClientId,
          categoryCode: need.categoryCode,
          description: need.description.trim(),
          isAnonymous: need.isAnonymous,
          contactPhone: need.isAnonymous ? undefined : optional(need.contactPhone),
        }),
      ),
    };
    await saveRecord(fixTarget, { clientId, kind: 'visit', pointId, payload, summary: `${householdName} · ${t(`outcome_${outcome}`)}${needs.length ? ` · ${t('needs')} ${needs.length}` : ''}` }, `/m/points/${pointId}`);
  };

  return (
    <>
      <TopBar title={t('visitTitle', { name: householdName })} backTo={`/m/points/${pointId}`} />
      <main>
        <form class="card" onSubmit={submit} data-testid="visit-form" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <div class="row">
            <div class="grow">
              <Field label={t('visitedOn')} error={shown('visitedOn')}>
                <input type="date" value={visitedOn} max={today()} onInput={(event) => setVisitedOn(event.currentTarget.value)} data-testid="visit-date" />
              </Field>
            </div>
            <div class="grow">
              <Field label={t('visitors')} error={shown('visitors')}>
                <input value={visitors} maxLength={200} onInput={(event) => setVisitors(event.currentTarget.value)} data-testid="visit-visitors" />
              </Field>
            </div>
          </div>
          <Field label={t('outcome')}>
            <Choices<VisitOutcome> name="visit-outcome" value={outcome} onChange={setOutcome} options={visitOutcomes.map((value) => ({ value, label: t(`outcome_${value}`) }))} />
          </Field>
          <Field label={t('notes')} error={shown('notes')}>
            <textarea value={notes} maxLength={2000} onInput={(event) => setNotes(event.currentTarget.value)} data-testid="visit-notes" />
          </Field>
          <h2>{t('needs')}</h2>
          {needs.map((need, index) => (
            <div key={need.appealClientId} class="card" data-testid="visit-need" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              <Field label={t('category')} error={shown(`category${index}`)}>
                <CategorySelect value={need.categoryCode} onChange={(categoryCode) => changeNeed(index, { categoryCode })} categories={categories.data ?? []} testId="need-category" />
              </Field>
              <Field label={t('description')} error={shown(`description${index}`)}>
                <textarea value={need.description} maxLength={4000} onInput={(event) => changeNeed(index, { description: event.currentTarget.value })} data-testid="need-description" />
              </Field>
              <div class="row">
                {!need.isAnonymous && (
                  <div class="grow">
                    <Field label={t('contactPhone')} error={shown(`phone${index}`)}>
                      <input type="tel" inputMode="tel" maxLength={20} value={need.contactPhone} onInput={(event) => changeNeed(index, { contactPhone: event.currentTarget.value })} />
                    </Field>
                  </div>
                )}
                <label class="check">
                  <input type="checkbox" checked={need.isAnonymous} onChange={(event) => changeNeed(index, { isAnonymous: event.currentTarget.checked })} />
                  {t('anonymous')}
                </label>
                <button type="button" class="link" onClick={() => setNeeds(needs.filter((_, at) => at !== index))}>
                  {t('remove')}
                </button>
              </div>
            </div>
          ))}
          <button type="button" onClick={() => setNeeds([...needs, { appealClientId: newClientId(), categoryCode: '', description: '', contactPhone: '', isAnonymous: false }])} data-testid="add-need">
            {t('addNeed')}
          </button>
          <button type="submit" class="primary" disabled={isSaving} data-testid="visit-save">
            {t('save')}
          </button>
        </form>
      </main>
    </>
  );
}

export default function VisitScreen({ params, query, profile }: ScreenProps) {
  const { target, isReady } = useFixTarget(profile.accountId, query);
  if (!isReady) return null;
  return <VisitForm pointId={Number(params[0])} householdClientId={params[1]} profile={profile} fixTarget={target} />;
}
