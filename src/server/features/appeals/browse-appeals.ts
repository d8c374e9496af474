// Reading appeals: the caller's filtered list, the case page (timeline, the steps the caller may
// take, dispatch suggestions), the complainant's contact (masked; revealed with a logged reason),
// photos and similar cases.
import type { z } from 'zod';
import type { Db, Executor } from '../../db/database.ts';
import { scopedRegion, type Actor } from '../../lib/actor.ts';
import { normalizeText } from '../../lib/chinese-text.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/masking.ts';
import { recordAudit, recordReveal } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { isSubjectOfComplaint, mayRevealContact, mayTakeStep } from './policy.ts';
import {
  findAppeal,
  findAppealPhoto,
  findCatalogueUnits,
  findLearnedDispatch,
  findSimilarAppeals,
  findUnitNames,
  isCadrePostedAt,
  isVisibleTo,
  listAppealEvents,
  listAppealPhotoIds,
  listAppeals,
  listCategories,
  type AppealRecord,
} from './queries.ts';
import type { listAppealsQuery } from './schemas.ts';
import { eventsFrom } from './workflow.ts';

/** A stored time as an ISO string for the API (null stays null). */
export const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** A name masked like 张** (the family name stays, so staff can greet the resident). */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  return `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}`;
}

export async function listAppealCategories(db: Executor) {
  const rows = await listCategories(db);
  return rows.map((row) => ({ code: row.code, nameZh: row.name_zh, nameEn: row.name_en, defaultUrgency: row.default_urgency, defaultLevel: row.default_level }));
}

/** A page of the cases the caller sees. */
export async function browseAppeals(options: { db: Executor; actor: Actor; query: z.infer<typeof listAppealsQuery> }) {
  const { db, actor, query } = options;
  if (!can(actor, 'appeals.view')) throw forbidden();
  const regionCode = scopedRegion(actor, query.regionCode);
  if (!regionCode) return { total: 0, items: [] };
  const { items, total } = await listAppeals(
    db,
    actor,
    { ...query, regionCode, states: query.state, text: query.q ? normalizeText(query.q) : undefined },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize, sort: query.sort },
  );
  const paths = await describeRegionPaths(db, items.map((row) => row.region_code), { fromLevel: 3 });
  return {
    total,
    items: items.map((row) => ({
      id: row.id,
      trackingCode: row.tracking_code,
      channel: row.channel,
      categoryCode: row.category_code,
      categoryName: row.category_name ?? row.category_code,
      urgency: row.urgency,
      regionCode: row.region_code,
      regionPath: paths.get(row.region_code) ?? row.region_code,
      pointId: row.point_id,
      pointName: row.point_name,
      title: row.title,
      state: row.state,
      level: row.level,
      isSupervised: row.is_supervised,
      isConfidential: row.is_confidential,
      handlingUnitId: row.handling_unit_id,
      handlingUnitName: row.handling_unit_name,
      dueAt: iso(row.due_at),
      colour: row.colour,
      meTooCount: row.me_too_count,
      issueId: row.issue_id,
      createdAt: iso(row.created_at)!,
      version: row.version,
    })),
  };
}

/** A visible case, or 404 (never saying whether it exists outside the caller's view). */
export async function findVisibleAppeal(db: Executor, actor: Actor, id: number): Promise<AppealRecord> {
  if (!can(actor, 'appeals.view')) throw forbidden();
  const appeal = await findAppeal(db, id);
  if (!appeal || !(await isVisibleTo(db, actor, id))) throw notFound('诉求', 'Appeal');
  return appeal;
}

function contactOf(actor: Actor, appeal: AppealRecord) {
  if (appeal.is_anonymous) return { name: null, phone: null, visibility: 'anonymous' as const };
  if (isSubjectOfComplaint(actor, { subjectUnitId: appeal.subject_unit_id, subjectCadreId: appeal.subject_cadre_id })) return { name: null, phone: null, visibility: 'withheld' as const };
  if (appeal.is_confidential && !can(actor, 'appeals.dispatch')) return { name: null, phone: null, visibility: 'withheld' as const };
  return { name: maskName(appeal.contact_name), phone: maskPhone(appeal.contact_phone), visibility: 'masked' as const };
}

/** Who the case's deadline clock is colouring now. */
function colourOf(appeal: AppealRecord, now: Date) {
  if (!appeal.due_at) return null;
  if (new Date(appeal.due_at).getTime() < now.getTime()) return 'red' as const;
  return appeal.warn_at && new Date(appeal.warn_at).getTime() <= now.getTime() ? ('yellow' as const) : ('green' as const);
}

/** Dispatch suggestions: the catalogue's unit per rung for the case's category and place, then units learned from similar past cases. */
async function suggestDispatch(db: Executor, appeal: AppealRecord) {
  const catalogue = await findCatalogueUnits(db, appeal.category_code, appeal.region_code);
  const byLevel = new Map<number, (typeof catalogue)[number]>();
  for (const row of catalogue) if (!byLevel.has(row.level)) byLevel.set(row.level, row);
  const suggestions: { level: number; unitId: number | null; unitName: string; source: 'catalogue' | 'learned' | 'point_team'; cases: number }[] = [];
  if (appeal.point_id !== null) suggestions.push({ level: 0, unitId: null, unitName: '驻点工作队', source: 'point_team', cases: 0 });
  for (const row of byLevel.values()) suggestions.push({ level: row.level, unitId: row.unit_id, unitName: row.unit_name, source: 'catalogue', cases: 0 });
  const learned = await findLearnedDispatch(db, { categoryCode: appeal.category_code, countyCode: appeal.region_code.slice(0, 6), searchText: appeal.search_text, excludeId: appeal.id });
  for (const row of learned) suggestions.push({ level: row.level, unitId: row.unit_id, unitName: row.unit_name, source: 'learned', cases: row.cases });
  // The case's default rung first.
  return suggestions.sort((a, b) => Number(b.level === appeal.level) - Number(a.level === appeal.level));
}

/** The case page: everything the caller may see, the full timeline and the steps they may take now. */
export async function getAppealDetail(options: { db: Executor; actor: Actor; id: number; now?: Date }) {
  const { db, actor, id } = options;
  const appeal = await findVisibleAppeal(db, actor, id);
  const now = options.now ?? new Date();
  const unitIds = [appeal.handling_unit_id, appeal.first_unit_id, appeal.subject_unit_id, ...appeal.co_unit_ids].filter((value): value is number => value !== null);
  const isActorOnPointTeam = actor.role === 'cadre' && actor.cadreId !== null && appeal.point_id !== null && (await isCadrePostedAt(db, actor.cadreId, appeal.point_id));
  const [units, events, photoIds, paths, category, point, suggestions] = await Promise.all([
    findUnitNames(db, unitIds),
    listAppealEvents(db, id),
    listAppealPhotoIds(db, id),
    describeRegionPaths(db, [appeal.region_code], { fromLevel: 3 }),
    db.selectFrom('appeal_categories').select('name_zh').where('code', '=', appeal.category_code).executeTakeFirst(),
    appeal.point_id === null ? undefined : db.selectFrom('points').select('name').where('id', '=', appeal.point_id).executeTakeFirst(),
    can(actor, 'appeals.dispatch') ? suggestDispatch(db, appeal) : Promise.resolve([]),
  ]);
  const facts = { level: appeal.level, handlingUnitId: appeal.handling_unit_id, subjectUnitId: appeal.subject_unit_id, subjectCadreId: appeal.subject_cadre_id, isActorOnPointTeam };
  const isSubject = isSubjectOfComplaint(actor, facts);
  return {
    id: appeal.id,
    trackingCode: appeal.tracking_code,
    channel: appeal.channel,
    categoryCode: appeal.category_code,
    categoryName: category?.name_zh ?? appeal.category_code,
    urgency: appeal.urgency,
    regionCode: appeal.region_code,
    regionPath: paths.get(appeal.region_code) ?? appeal.region_code,
    pointId: appeal.point_id,
    pointName: point?.name ?? null,
    title: appeal.title,
    state: appeal.state,
    level: appeal.level,
    isSupervised: appeal.is_supervised,
    isConfidential: appeal.is_confidential,
    handlingUnitId: appeal.handling_unit_id,
    handlingUnitName: appeal.handling_unit_id === null ? null : (units.get(appeal.handling_unit_id) ?? null),
    dueAt: iso(appeal.due_at),
    colour: colourOf(appeal, now),
    meTooCount: appeal.me_too_count,
    issueId: appeal.issue_id,
    createdAt: iso(appeal.created_at)!,
    version: appeal.version,
    description: appeal.description,
    address: appeal.address,
    sourceKind: appeal.source_kind,
    sourceId: appeal.source_id,
    isAnonymous: appeal.is_anonymous,
    contact: contactOf(actor, appeal),
    subjectUnitName: appeal.subject_unit_id === null || isSubject ? null : (units.get(appeal.subject_unit_id) ?? null),
    firstUnitName: appeal.first_unit_id === null ? null : (units.get(appeal.first_unit_id) ?? null),
    coUnits: appeal.co_unit_ids.map((unitId) => ({ id: unitId, name: units.get(unitId) ?? String(unitId) })),
    mergedIntoId: appeal.merged_into_id,
    clockKind: appeal.clock_kind,
    clockStartedAt: iso(appeal.clock_started_at),
    handlingDueAt: iso(appeal.handling_due_at),
    pendingExtension: appeal.pending_extension_days === null ? null : { days: appeal.pending_extension_days, reason: appeal.pending_extension_reason ?? '' },
    replyText: appeal.reply_text,
    callback: appeal.callback_at === null ? null : { at: iso(appeal.callback_at)!, contacted: appeal.callback_contacted, solved: appeal.callback_solved, rating: appeal.callback_rating },
    followup: appeal.followup_at === null ? null : { at: iso(appeal.followup_at)!, solved: appeal.followup_solved, rating: appeal.followup_rating },
    isDisputed: appeal.is_disputed,
    photoIds,
    events: events.map((event) => ({
      id: event.id,
      at: iso(event.at)!,
      event: event.event,
      fromState: event.from_state,
      toState: event.to_state,
      actorKind: event.actor_kind,
      // The unit a complaint is about does not learn which colleague took it in either.
      actorName: event.actor_kind === 'resident' ? '群众' : isSubject && event.event === 'register' ? '—' : event.actor_name,
      unitName: event.unit_name,
      reason: event.reason,
      details: (event.details ?? null) as Record<string, unknown> | null,
    })),
    allowedEvents: eventsFrom(appeal.state).filter((event) => mayTakeStep(actor, event, facts)),
    suggestions,
    canReveal: mayRevealContact(actor, { ...facts, isConfidential: appeal.is_confidential, isAnonymous: appeal.is_anonymous }) && (appeal.contact_name !== null || appeal.contact_phone !== null),
  };
}

/** The complainant's contact in clear, after logging who asked and why. */
export async function revealAppealContact(options: { db: Db; actor: Actor; id: number; reason: string }) {
  const { db, actor, id, reason } = options;
  const appeal = await findVisibleAppeal(db, actor, id);
  if (!mayRevealContact(actor, { subjectUnitId: appeal.subject_unit_id, subjectCadreId: appeal.subject_cadre_id, isConfidential: appeal.is_confidential, isAnonymous: appeal.is_anonymous })) throw forbidden();
  await db.transaction().execute(async (tx) => {
    const entry = { actorAccountId: actor.accountId, actorName: actor.username, entityType: 'appeal', entityId: id, regionCode: appeal.region_code };
    await recordReveal(tx, { ...entry, field: 'contact', reason });
    await recordAudit(tx, { ...entry, action: 'personal_data.revealed', details: { field: 'contact', reason } });
  });
  return { name: appeal.contact_name, phone: appeal.contact_phone };
}

export async function getAppealPhoto(options: { db: Executor; actor: Actor; id: number; photoId: number }) {
  await findVisibleAppeal(options.db, options.actor, options.id);
  const photo = await findAppealPhoto(options.db, options.id, options.photoId);
  if (!photo) throw notFound('照片', 'Photo');
  return photo;
}

/** Open cases like this one in the same county over the last 60 days: candidates for "me too", merging or one issue. */
export async function listSimilarAppeals(options: { db: Executor; actor: Actor; id: number }) {
  const { db, actor, id } = options;
  const appeal = await findVisibleAppeal(db, actor, id);
  const rows = await findSimilarAppeals(db, actor, { id, categoryCode: appeal.category_code, searchText: appeal.search_text, regionCode: appeal.region_code.slice(0, 6), days: 60 });
  const paths = await describeRegionPaths(db, rows.map((row) => row.region_code), { fromLevel: 3 });
  return {
    items: rows.map((row) => ({ id: row.id, trackingCode: row.tracking_code, title: row.title, regionPath: paths.get(row.region_code) ?? row.region_code, state: row.state, similarity: Number(row.similarity), createdAt: iso(row.created_at)! })),
  };
}
