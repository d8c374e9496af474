/** @jsxImportSource preact */
// Record a symposium (座谈会) or a coordinated deliberation (协调议事): kind, date, title, agenda, how
// many came and which organisations, the minutes, and what was decided — each decision a task (owner,
// due date) or an appeal (a category; the server files it, under the id made here).
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app.tsx';
import { fieldPaths, type AppealCategory } from '../field-api.ts';
import { isClean, newClientId, optional, saveRecord, textProblem, useFixTarget } from '../forms.ts';
import { t } from '../i18n.ts';
import { today } from '../state.ts';
import type { OutboxRecord } from '../store.ts';
import type { DecisionPayload, MeetingPayload } from '../sync-contract.ts';
import { cacheKey, CategorySelect, Choices, Field, TopBar, useRead } from '../ui.tsx';

type MeetingKind = MeetingPayload['kind'];

interface DecisionDraft {
  clientId: string;
  appealClientId: string;
  text: string;
  kind: 'task' | 'appeal';
  ownerName: string;
  dueOn: string;
  categoryCode: string;
}

function MeetingForm({ pointId, accountId, fixTarget }: { pointId: number; accountId: number; fixTarget?: OutboxRecord }) {
  const fixed = fixTarget?.payload as unknown as MeetingPayload | undefined;
  const [clientId] = useState(() => fixTarget?.clientId ?? newClientId());
  const [kind, setKind] = useState<MeetingKind>(fixed?.kind ?? 'symposium');
  const [heldOn, setHeldOn] = useState(fixed?.heldOn ?? today());
  const [title, setTitle] = useState(fixed?.title ?? '');
  const [agenda, setAgenda] = useState(fixed?.agenda ?? '');
  const [attendeeCount, setAttendeeCount] = useState(String(fixed?.attendeeCount ?? ''));
  const [organisations, setOrganisations] = useState((fixed?.organisations ?? []).join('，'));
  const [minutes, setMinutes] = useState(fixed?.minutes ?? '');
  const [decisions, setDecisions] = useState<DecisionDraft[]>(() =>
    (fixed?.decisions ?? []).map((decision) => ({
      clientId: decision.clientId,
      appealClientId: decision.appealClientId ?? newClientId(),
      text: decision.text,
      kind: decision.kind,
      ownerName: decision.ownerName ?? '',
      dueOn: decision.dueOn ?? '',
      categoryCode: decision.categoryCode ?? '',
    })),
  );
  const [isChecked, setChecked] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const categories = useRead<AppealCategory[]>(cacheKey(accountId, fieldPaths.categories), fieldPaths.categories);

  const count = Number(attendeeCount);
  const problems: Record<string, string | undefined> = {
    title: textProblem(title, { isRequired: true }),
    attendeeCount: attendeeCount.trim() && Number.isInteger(count) && count >= 0 ? undefined : t('required'),
    agenda: textProblem(agenda),
    minutes: textProblem(minutes),
    ...Object.fromEntries(
      decisions.flatMap((decision, index) => [
        [`text${index}`, textProblem(decision.text, { isRequired: true, min: 2 })],
        [`category${index}`, decision.kind === 'appeal' && !decision.categoryCode ? t('chooseCategory') : undefined],
      ]),
    ),
  };
  const shown = (key: string) => (isChecked ? problems[key] : undefined);
  const changeDecision = (index: number, change: Partial<DecisionDraft>) => setDecisions(decisions.map((decision, at) => (at === index ? { ...decision, ...change } : decision)));

  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (!isClean(problems) || isSaving) return;
    setSaving(true);
    const payload: MeetingPayload = {
      pointId,
      kind,
      heldOn,
      title: title.trim(),
      agenda: optional(agenda),
      organisations: organisations
        .split(/[,，、;；\n]/)
        .map((name) => name.trim())
        .filter(Boolean),
      attendeeCount: count,
      minutes: optional(minutes),
      decisions: decisions.map(
        (decision): DecisionPayload =>
          decision.kind === 'task'
            ? { clientId: decision.clientId, text: decision.text.trim(), kind: 'task', ownerName: optional(decision.ownerName), dueOn: decision.dueOn || undefined }
            : { clientId: decision.clientId, text: decision.text.trim(), kind: 'appeal', categoryCode: decision.categoryCode, appealClientId: decision.appealClientId },
      ),
    };
    await saveRecord(fixTarget, { clientId, kind: 'meeting', pointId, payload, summary: `${t(`kind_${kind}`)} · ${title.trim()}` }, `/m/points/${pointId}`);
  };

  return (
    <>
      <TopBar title={t('meetingTitle')} backTo={`/m/points/${pointId}`} />
      <main>
        <form class="card" onSubmit={submit} data-testid="meeting-form" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <Field label={t('meetingKind')}>
            <Choices<MeetingKind> name="meeting-kind" value={kind} onChange={setKind} options={(['symposium', 'deliberation'] as const).map((value) => ({ value, label: t(`kind_${value}`) }))} />
          </Field>
          <div class="row">
            <div class="grow">
              <Field label={t('heldOn')}>
                <input type="date" value={heldOn} max={today()} onInput={(event) => setHeldOn(event.currentTarget.value)} />
              </Field>
            </div>
            <div class="grow">
              <Field label={t('attendeeCount')} error={shown('attendeeCount')}>
                <input type="number" inputMode="numeric" min={0} value={attendeeCount} onInput={(event) => setAttendeeCount(event.currentTarget.value)} data-testid="meeting-attendees" />
              </Field>
            </div>
          </div>
          <Field label={t('title')} error={shown('title')}>
            <input value={title} maxLength={100} onInput={(event) => setTitle(event.currentTarget.value)} data-testid="meeting-title" />
          </Field>
          <Field label={t('agenda')} error={shown('agenda')}>
            <textarea value={agenda} onInput={(event) => setAgenda(event.currentTarget.value)} style={{ minHeight: 56 }} data-testid="meeting-agenda" />
          </Field>
          <Field label={t('organisations')}>
            <input value={organisations} onInput={(event) => setOrganisations(event.currentTarget.value)} />
          </Field>
          <Field label={t('minutes')} error={shown('minutes')}>
            <textarea value={minutes} onInput={(event) => setMinutes(event.currentTarget.value)} />
          </Field>
          <h2>{t('decisions')}</h2>
          {decisions.map((decision, index) => (
            <div key={decision.clientId} class="card" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              <Choices<'task' | 'appeal'>
                name="decision-kind"
                value={decision.kind}
                onChange={(next) => changeDecision(index, { kind: next })}
                options={(['task', 'appeal'] as const).map((value) => ({ value, label: t(`decision_${value}`) }))}
              />
              <Field label={t('decisionText')} error={shown(`text${index}`)}>
                <textarea value={decision.text} onInput={(event) => changeDecision(index, { text: event.currentTarget.value })} />
              </Field>
              {decision.kind === 'task' ? (
                <div class="row">
                  <div class="grow">
                    <Field label={t('owner')}>
                      <input value={decision.ownerName} maxLength={40} onInput={(event) => changeDecision(index, { ownerName: event.currentTarget.value })} />
                    </Field>
                  </div>
                  <div class="grow">
                    <Field label={t('dueOn')}>
                      <input type="date" value={decision.dueOn} onInput={(event) => changeDecision(index, { dueOn: event.currentTarget.value })} />
                    </Field>
                  </div>
                </div>
              ) : (
                <Field label={t('category')} error={shown(`category${index}`)}>
                  <CategorySelect value={decision.categoryCode} onChange={(categoryCode) => changeDecision(index, { categoryCode })} categories={categories.data ?? []} testId="decision-category" />
                </Field>
              )}
              <button type="button" class="link" onClick={() => setDecisions(decisions.filter((_, at) => at !== index))}>
                {t('remove')}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setDecisions([...decisions, { clientId: newClientId(), appealClientId: newClientId(), text: '', kind: 'task', ownerName: '', dueOn: '', categoryCode: '' }])}>
            {t('addDecision')}
          </button>
          <button type="submit" class="primary" disabled={isSaving} data-testid="meeting-save">
            {t('save')}
          </button>
        </form>
      </main>
    </>
  );
}

export default function MeetingScreen({ params, query, profile }: ScreenProps) {
  const { target, isReady } = useFixTarget(profile.accountId, query);
  return isReady ? <MeetingForm pointId={Number(params[0])} accountId={profile.accountId} fixTarget={target} /> : null;
}
