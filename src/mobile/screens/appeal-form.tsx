/** @jsxImportSource preact */
// Record an appeal at the doorstep, as the console's phone intake does, in five inputs at this
// point: channel (入户走访 first), category, description, the resident's phone, anonymous. It is
// queued as an 'appeal' record: the body of POST /api/appeals with its client id made here, once.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app.tsx';
import { fieldPaths, type AppealCategory } from '../field-api.ts';
import { isClean, newClientId, optional, phoneProblem, saveRecord, textProblem, useFixTarget } from '../forms.ts';
import { t } from '../i18n.ts';
import type { OutboxRecord } from '../store.ts';
import { appealChannels, type AppealChannel, type AppealPayload } from '../sync-contract.ts';
import { cacheKey, CategorySelect, Choices, Field, TopBar, useRead } from '../ui.tsx';

function AppealForm({ pointId, accountId, fixTarget }: { pointId: number; accountId: number; fixTarget?: OutboxRecord }) {
  const fixed = fixTarget?.payload as unknown as AppealPayload | undefined;
  const [clientId] = useState(() => fixTarget?.clientId ?? newClientId());
  const [channel, setChannel] = useState<AppealChannel>(fixed?.channel ?? 'household_visit');
  const [categoryCode, setCategoryCode] = useState(fixed?.categoryCode ?? '');
  const [description, setDescription] = useState(fixed?.description ?? '');
  const [contactPhone, setContactPhone] = useState(fixed?.contactPhone ?? '');
  const [isAnonymous, setAnonymous] = useState(fixed?.isAnonymous ?? false);
  const [isChecked, setChecked] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const categories = useRead<AppealCategory[]>(cacheKey(accountId, fieldPaths.categories), fieldPaths.categories);

  const problems = {
    category: categoryCode ? undefined : t('chooseCategory'),
    description: textProblem(description, { isRequired: true, min: 2 }),
    phone: isAnonymous ? undefined : phoneProblem(contactPhone),
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (!isClean(problems) || isSaving) return;
    setSaving(true);
    const payload: AppealPayload = { clientId, channel, categoryCode, pointId, description: description.trim(), contactPhone: isAnonymous ? undefined : optional(contactPhone), isAnonymous };
    const category = categories.data?.find((item) => item.code === categoryCode);
    await saveRecord(fixTarget, { clientId, kind: 'appeal', pointId, payload, summary: `${category?.nameZh ?? categoryCode} · ${description.trim().slice(0, 24)}` }, `/m/points/${pointId}`);
  };

  return (
    <>
      <TopBar title={t('appealTitle')} backTo={`/m/points/${pointId}`} />
      <main>
        <form class="card" onSubmit={submit} data-testid="appeal-form" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <Field label={t('channel')}>
            <Choices<AppealChannel> name="appeal-channel" value={channel} onChange={setChannel} options={appealChannels.map((value) => ({ value, label: t(`channel_${value}`) }))} />
          </Field>
          <Field label={t('category')} error={isChecked ? problems.category : undefined}>
            <CategorySelect value={categoryCode} onChange={setCategoryCode} categories={categories.data ?? []} testId="appeal-category" />
          </Field>
          <Field label={t('description')} error={isChecked ? problems.description : undefined}>
            <textarea value={description} maxLength={4000} onInput={(event) => setDescription(event.currentTarget.value)} data-testid="appeal-description" />
          </Field>
          <div class="row">
            {!isAnonymous && (
              <div class="grow">
                <Field label={t('contactPhone')} error={isChecked ? problems.phone : undefined}>
                  <input type="tel" inputMode="tel" maxLength={20} value={contactPhone} onInput={(event) => setContactPhone(event.currentTarget.value)} data-testid="appeal-phone" />
                </Field>
              </div>
            )}
            <label class="check">
              <input type="checkbox" checked={isAnonymous} onChange={(event) => setAnonymous(event.currentTarget.checked)} data-testid="appeal-anonymous" />
              {t('anonymous')}
            </label>
          </div>
          <button type="submit" class="primary" disabled={isSaving} data-testid="appeal-save">
            {t('save')}
          </button>
        </form>
      </main>
    </>
  );
}

export default function AppealScreen({ params, query, profile }: ScreenProps) {
  const { target, isReady } = useFixTarget(profile.accountId, query);
  return isReady ? <AppealForm pointId={Number(params[0])} accountId={profile.accountId} fixTarget={target} /> : null;
}
