/** @jsxImportSource preact */
// Add a household to a point's register, or edit one. An edit sends the whole household with the
// version it was read at (baseVersion); if someone changed it meanwhile the server answers with a
// conflict, which the sync screen shows with both versions. An edit of something not yet sent
// changes that queued record instead of adding another.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app.tsx';
import { fieldPaths, type Household, type HouseholdList } from '../field-api.ts';
import { isClean, newClientId, optional, phoneProblem, saveRecord, textProblem } from '../forms.ts';
import { t } from '../i18n.ts';
import type { OutboxRecord } from '../store.ts';
import { householdFlags, type HouseholdFlag, type HouseholdPayload } from '../sync-contract.ts';
import { isInFlight } from '../sync.ts';
import { cacheKey, Field, TopBar, useKept, useOutbox } from '../ui.tsx';

interface HouseholdStart {
  clientId: string;
  baseVersion?: number;
  payload?: HouseholdPayload;
  /** The queued record an edit replaces, when there is one that is not on the wire. */
  replaces?: OutboxRecord;
}

function payloadOf(item: Household): HouseholdPayload {
  return {
    pointId: item.pointId,
    kind: item.kind,
    headName: item.headName,
    address: item.address ?? undefined,
    phone: item.phone ?? undefined,
    members: item.members,
    flags: item.flags,
    note: item.note ?? undefined,
    visitCycleDays: item.visitCycleDays ?? undefined,
  };
}

/** Where an edit starts: the newest unsent record of this household, else the server's copy. */
export function householdStart(clientId: string, server: Household | undefined, outbox: OutboxRecord[]): HouseholdStart {
  const records = outbox.filter((entry) => entry.kind === 'household' && entry.clientId === clientId && entry.state !== 'superseded');
  const latest = records.at(-1);
  if (latest && latest.state !== 'synced' && !isInFlight(latest.localId)) {
    // Editing a record in conflict is choosing "mine, as edited now": it goes from the server's version.
    const serverVersion = latest.state === 'conflict' ? (latest.result?.server as { version?: number } | undefined)?.version : undefined;
    return { clientId, baseVersion: serverVersion ?? latest.baseVersion, payload: latest.payload as unknown as HouseholdPayload, replaces: latest };
  }
  if (server) return { clientId, baseVersion: server.version, payload: payloadOf(server) };
  if (latest) {
    // Known only from this phone: created here (version 1 once stored), maybe edited since.
    const version = (latest.result as { version?: number } | undefined)?.version;
    return { clientId, baseVersion: latest.state === 'synced' ? (version ?? 1) : (latest.baseVersion ?? 1), payload: latest.payload as unknown as HouseholdPayload };
  }
  return { clientId };
}

function HouseholdForm({ pointId, start }: { pointId: number; start: HouseholdStart }) {
  const initial = start.payload;
  const [headName, setHeadName] = useState(initial?.headName ?? '');
  const [address, setAddress] = useState(initial?.address ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [members, setMembers] = useState(String(initial?.members ?? 1));
  const [flags, setFlags] = useState<HouseholdFlag[]>(initial?.flags ?? []);
  const [note, setNote] = useState(initial?.note ?? '');
  const [visitCycleDays, setVisitCycleDays] = useState(initial?.visitCycleDays ? String(initial.visitCycleDays) : '');
  const [isChecked, setChecked] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const memberCount = Number(members);
  const cycle = Number(visitCycleDays);
  const problems = {
    headName: textProblem(headName, { isRequired: true }),
    address: textProblem(address),
    phone: phoneProblem(phone),
    members: Number.isInteger(memberCount) && memberCount >= 0 && memberCount <= 99 ? undefined : t('required'),
    visitCycleDays: !visitCycleDays || (Number.isInteger(cycle) && cycle >= 1 && cycle <= 366) ? undefined : t('required'),
    note: textProblem(note),
  };
  const shown = (key: keyof typeof problems) => (isChecked ? problems[key] : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (!isClean(problems) || isSaving) return;
    setSaving(true);
    const payload: HouseholdPayload = {
      pointId,
      kind: initial?.kind ?? 'household',
      headName: headName.trim(),
      address: optional(address),
      phone: optional(phone),
      members: memberCount,
      flags,
      note: optional(note),
      visitCycleDays: visitCycleDays ? cycle : undefined,
    };
    await saveRecord(
      start.replaces,
      { clientId: start.clientId, kind: 'household', pointId, baseVersion: start.baseVersion, payload, summary: headName.trim() },
      `/m/points/${pointId}`,
    );
  };

  return (
    <form class="card" onSubmit={submit} data-testid="household-form" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Field label={t('headName')} error={shown('headName')}>
        <input value={headName} maxLength={40} onInput={(event) => setHeadName(event.currentTarget.value)} data-testid="household-head" />
      </Field>
      <Field label={t('address')} error={shown('address')}>
        <input value={address} maxLength={200} onInput={(event) => setAddress(event.currentTarget.value)} />
      </Field>
      <div class="row">
        <div class="grow">
          <Field label={t('phone')} error={shown('phone')}>
            <input type="tel" inputMode="tel" maxLength={20} value={phone} onInput={(event) => setPhone(event.currentTarget.value)} data-testid="household-phone" />
          </Field>
        </div>
        <div style={{ width: 90 }}>
          <Field label={t('memberCount')} error={shown('members')}>
            <input type="number" inputMode="numeric" min={0} max={99} value={members} onInput={(event) => setMembers(event.currentTarget.value)} data-testid="household-members" />
          </Field>
        </div>
      </div>
      <Field label={t('flags')}>
        <div class="row">
          {householdFlags.map((flag) => (
            <label class="check" key={flag}>
              <input type="checkbox" checked={flags.includes(flag)} onChange={(event) => setFlags(event.currentTarget.checked ? [...flags, flag] : flags.filter((item) => item !== flag))} />
              {t(`flag_${flag}`)}
            </label>
          ))}
        </div>
      </Field>
      <Field label={t('visitCycleDays')} error={shown('visitCycleDays')}>
        <input type="number" inputMode="numeric" min={1} max={366} value={visitCycleDays} onInput={(event) => setVisitCycleDays(event.currentTarget.value)} />
      </Field>
      <Field label={t('note')} error={shown('note')}>
        <textarea value={note} maxLength={500} onInput={(event) => setNote(event.currentTarget.value)} data-testid="household-note" />
      </Field>
      <button type="submit" class="primary" disabled={isSaving} data-testid="household-save">
        {t('save')}
      </button>
    </form>
  );
}

export default function HouseholdScreen({ params, profile }: ScreenProps) {
  const pointId = Number(params[0]);
  const isNew = params[1] === 'new';
  const list = useKept<HouseholdList>(cacheKey(profile.accountId, fieldPaths.households(pointId)));
  const outbox = useOutbox(profile.accountId);
  const [newId] = useState(newClientId);
  const ready = outbox !== undefined && (isNew || list !== undefined || outbox.some((entry) => entry.clientId === params[1]));
  return (
    <>
      <TopBar title={t('householdTitle')} backTo={`/m/points/${pointId}`} />
      <main>
        {!ready ? (
          <p class="muted">{t('loading')}</p>
        ) : (
          <HouseholdForm pointId={pointId} start={isNew ? { clientId: newId } : householdStart(params[1], list?.items.find((item) => item.clientId === params[1]), outbox)} />
        )}
      </main>
    </>
  );
}
