/** @jsxImportSource preact */
// Note a residents' activity the cadre joined at this point: date, title, a note.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app.tsx';
import { isClean, newClientId, optional, saveRecord, textProblem, useFixTarget } from '../forms.ts';
import { t } from '../i18n.ts';
import { today } from '../state.ts';
import type { OutboxRecord } from '../store.ts';
import type { ActivityPayload } from '../sync-contract.ts';
import { Field, TopBar } from '../ui.tsx';

function ActivityForm({ pointId, fixTarget }: { pointId: number; fixTarget?: OutboxRecord }) {
  const fixed = fixTarget?.payload as unknown as ActivityPayload | undefined;
  const [clientId] = useState(() => fixTarget?.clientId ?? newClientId());
  const [heldOn, setHeldOn] = useState(fixed?.heldOn ?? today());
  const [title, setTitle] = useState(fixed?.title ?? '');
  const [note, setNote] = useState(fixed?.note ?? '');
  const [isChecked, setChecked] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const problems = { title: textProblem(title, { isRequired: true }), note: textProblem(note) };

  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (!isClean(problems) || isSaving) return;
    setSaving(true);
    const payload: ActivityPayload = { pointId, heldOn, title: title.trim(), note: optional(note) };
    await saveRecord(fixTarget, { clientId, kind: 'activity', pointId, payload, summary: title.trim() }, `/m/points/${pointId}`);
  };

  return (
    <>
      <TopBar title={t('activityTitle')} backTo={`/m/points/${pointId}`} />
      <main>
        <form class="card" onSubmit={submit} data-testid="activity-form" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <Field label={t('heldOn')}>
            <input type="date" value={heldOn} max={today()} onInput={(event) => setHeldOn(event.currentTarget.value)} />
          </Field>
          <Field label={t('title')} error={isChecked ? problems.title : undefined}>
            <input value={title} maxLength={100} onInput={(event) => setTitle(event.currentTarget.value)} data-testid="activity-title" />
          </Field>
          <Field label={t('note')} error={isChecked ? problems.note : undefined}>
            <textarea value={note} maxLength={2000} onInput={(event) => setNote(event.currentTarget.value)} />
          </Field>
          <button type="submit" class="primary" disabled={isSaving} data-testid="activity-save">
            {t('save')}
          </button>
        </form>
      </main>
    </>
  );
}

export default function ActivityScreen({ params, query, profile }: ScreenProps) {
  const { target, isReady } = useFixTarget(profile.accountId, query);
  return isReady ? <ActivityForm pointId={Number(params[0])} fixTarget={target} /> : null;
}
