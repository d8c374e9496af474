// The cadre's diary (民情日记): one entry per account and day, with whether the day was spent on
// site — self-reported, no GPS, no photos. A second entry for a day already written is an edit of
// that entry: from its current version it applies, from an older one (or none) it is a conflict that
// hands the server's entry back, so neither text is lost.
import { AppError, invalidField } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { findCadre, findDiaryEntryByClientId, findDiaryEntryOfDay, insertDiaryEntryOnce, updateDiaryEntryIfCurrent, type DiaryRow } from './diary-queries.ts';
import { requireFieldRecorder, requireTeamPoint } from './point-access.ts';
import { presentDiaryEntry } from './present-field-records.ts';
import { busyRecord, parsePayload, type SyncHandler } from './sync-context.ts';
import { diaryPayload, type DiaryPayload } from './sync-schemas.ts';
import { isTooFarAhead } from './visit-plan.ts';

function isSameEntry(stored: DiaryRow, input: DiaryPayload): boolean {
  return stored.is_on_site === input.isOnSite && stored.point_id === (input.pointId ?? null) && stored.text === input.text;
}

// The audit log (read by offices) keeps what changed, not the diary's words.
function withoutText<Entry extends { text: string }>(entry: Entry) {
  const { text, ...rest } = entry;
  return { ...rest, textLength: text.length };
}

export const syncDiary: SyncHandler = async (context, record) => {
  const { db, actor } = context;
  requireFieldRecorder(actor);
  const input = parsePayload(diaryPayload, record.payload);
  if (isTooFarAhead(input.entryOn, context.today)) throw invalidField('entryOn', '日记日期不能晚于明天', 'a diary entry cannot be dated after tomorrow');
  const point = input.pointId === undefined ? null : await requireTeamPoint(db, actor, input.pointId, 'pointId', context.points);
  const cadre = await findCadre(db, actor.cadreId!);
  if (!cadre) throw new AppError('FORBIDDEN', '当前账号没有关联干部', 'This account is not linked to a cadre');
  const regionCode = point?.region_code ?? cadre.region_code;
  const audit = { actorAccountId: actor.accountId, actorName: actor.displayName, entityType: 'diary_entry', regionCode };
  for (let round = 0; round < 2; round += 1) {
    const byClientId = await findDiaryEntryByClientId(db, record.clientId);
    if (byClientId && byClientId.account_id !== actor.accountId) throw invalidField('clientId', '这个 id 已被另一条日记使用', 'this id belongs to another diary entry');
    if (byClientId && byClientId.entry_on !== input.entryOn) throw invalidField('entryOn', '日记的日期不能修改', 'the day of a diary entry cannot change');
    const stored = byClientId ?? (await findDiaryEntryOfDay(db, actor.accountId, input.entryOn));
    if (!stored) {
      const id = await db.transaction().execute(async (tx) => {
        const newId = await insertDiaryEntryOnce(tx, { client_id: record.clientId, account_id: actor.accountId, cadre_id: cadre.id, unit_id: cadre.unit_id, point_id: point?.id ?? null, region_code: regionCode, entry_on: input.entryOn, is_on_site: input.isOnSite, text: input.text });
        if (newId !== null) await recordAudit(tx, { ...audit, action: 'field.diary.written', entityId: newId, details: { clientId: record.clientId, entryOn: input.entryOn, isOnSite: input.isOnSite, via: 'sync' } });
        return newId;
      });
      if (id !== null) return { clientId: record.clientId, status: 'created', id, version: 1 };
      continue;
    }
    if (isSameEntry(stored, input)) return { clientId: record.clientId, status: 'duplicate', id: stored.id, version: stored.version };
    if (record.baseVersion !== stored.version) {
      const server = presentDiaryEntry(stored);
      await recordAudit(db, { ...audit, action: 'field.diary.conflict', entityId: stored.id, before: withoutText(server), after: withoutText(input), details: { clientId: record.clientId, baseVersion: record.baseVersion ?? null, via: 'sync' } });
      return { clientId: record.clientId, status: 'conflict', id: stored.id, version: stored.version, server };
    }
    const isUpdated = await db.transaction().execute(async (tx) => {
      if (!(await updateDiaryEntryIfCurrent(tx, stored.id, stored.version, { is_on_site: input.isOnSite, point_id: point?.id ?? null, region_code: regionCode, text: input.text }))) return false;
      await recordAudit(tx, { ...audit, action: 'field.diary.updated', entityId: stored.id, before: withoutText(presentDiaryEntry(stored)), after: withoutText(input), details: { clientId: record.clientId, via: 'sync' } });
      return true;
    });
    if (isUpdated) return { clientId: record.clientId, status: 'updated', id: stored.id, version: stored.version + 1 };
  }
  throw busyRecord();
};
