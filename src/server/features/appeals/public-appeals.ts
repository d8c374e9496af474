// The resident's side, without an account: a point's suggestion box, the status page behind a
// tracking code, the call-back answered there, a dispute of a closure, and "me too". Nothing
// here returns anyone's personal data: no names, no contacts, no descriptions of other cases.
import type { z } from 'zod';
import type { Db, Executor } from '../../db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { actOnAppeal } from './act-on-appeal.ts';
import { iso, listAppealCategories } from './browse-appeals.ts';
import { findAppealByTrackingCode, findPointForIntake, insertMeToo, listAppealEvents, listOpenCasesAtPoint } from './queries.ts';
import type { publicDisputeBody, publicMeTooBody, publicRatingBody, suggestionBoxBody } from './schemas.ts';
import { submitAppeal } from './submit-appeal.ts';
import { applyTransition } from './workflow.ts';


// Steps whose row on the public timeline would say nothing to the resident, or name people.
const publicEvents = new Set(['register', 'dispatch', 'accept', 'return', 'approve_return', 'reject_return', 'transfer', 'record_contact', 'decide_extension', 'reply', 'send_back', 'record_callback', 'reopen', 'escalate', 'supervise', 'answer_directly', 'merge', 'dispute', 'me_too']);

/** What the suggestion-box page shows about a point. */
export async function describePublicPoint(options: { db: Executor; pointId: number }) {
  const { db, pointId } = options;
  const point = await findPointForIntake(db, pointId);
  if (!point) throw notFound('联系点', 'Contact point');
  const [paths, categories, openCases] = await Promise.all([describeRegionPaths(db, [point.region_code], { fromLevel: 2 }), listAppealCategories(db), listOpenCasesAtPoint(db, pointId)]);
  return {
    id: point.id,
    name: point.name,
    regionPath: paths.get(point.region_code) ?? point.region_code,
    categories: categories.map((category) => ({ code: category.code, nameZh: category.nameZh, nameEn: category.nameEn })),
    openCases: openCases.map((row) => ({ trackingCode: row.tracking_code, categoryName: row.category_name, title: row.title, meTooCount: row.me_too_count })),
  };
}

/** A resident's appeal through a point's suggestion box. */
export async function submitToSuggestionBox(options: { db: Db; pointId: number; input: z.infer<typeof suggestionBoxBody> }) {
  return submitAppeal({ db: options.db, submitter: { kind: 'resident' }, input: { ...options.input, pointId: options.pointId, channel: 'suggestion_box' } });
}

async function findTracked(db: Executor, code: string) {
  const appeal = await findAppealByTrackingCode(db, code);
  if (!appeal) throw notFound('查询码对应的诉求', 'Case for this tracking code');
  return appeal;
}

/** The status page: state, reply and a timeline of steps (units named, people never). */
export async function trackAppeal(options: { db: Executor; code: string }) {
  const { db, code } = options;
  const appeal = await findTracked(db, code);
  const [events, paths, category, point] = await Promise.all([
    listAppealEvents(db, appeal.id),
    describeRegionPaths(db, [appeal.region_code], { fromLevel: 2 }),
    db.selectFrom('appeal_categories').select(['name_zh', 'name_en']).where('code', '=', appeal.category_code).executeTakeFirstOrThrow(),
    appeal.point_id === null ? undefined : db.selectFrom('points').select('name').where('id', '=', appeal.point_id).executeTakeFirst(),
  ]);
  const canRate = appeal.state === 'reviewed';
  return {
    trackingCode: appeal.tracking_code,
    categoryName: category.name_zh,
    categoryNameEn: category.name_en,
    title: appeal.title,
    pointName: point?.name ?? null,
    regionPath: paths.get(appeal.region_code) ?? appeal.region_code,
    state: appeal.state,
    createdAt: iso(appeal.created_at)!,
    dueAt: iso(appeal.due_at),
    replyText: ['reviewed', 'closed', 'rectifying'].includes(appeal.state) ? appeal.reply_text : null,
    timeline: events.filter((event) => publicEvents.has(event.event)).map((event) => ({ at: iso(event.at)!, event: event.event, toState: event.to_state, unitName: event.unit_name })),
    canRate,
    canDispute: applyTransition(appeal.state, 'dispute', { hasHandlingUnit: false, hasReason: true, wasRectified: appeal.was_rectified, hasPendingExtension: false, escalationLevel: appeal.level }).ok && !appeal.is_disputed,
    rating: appeal.followup_rating ?? appeal.callback_rating,
  };
}

/** The resident answers the call-back questions on the status page. */
export async function rateTrackedAppeal(options: { db: Db; code: string; answers: z.infer<typeof publicRatingBody> }) {
  const appeal = await findTracked(options.db, options.code);
  const { contacted, solved, rating } = options.answers;
  await actOnAppeal({ db: options.db, taker: { kind: 'resident' }, id: appeal.id, event: 'record_callback', version: appeal.version, input: { contacted, solved, rating } });
  return trackAppeal(options);
}

/** The resident disputes a closure; the dispatcher sees the flag and decides on a reopen. */
export async function disputeTrackedAppeal(options: { db: Db; code: string; body: z.infer<typeof publicDisputeBody> }) {
  const appeal = await findTracked(options.db, options.code);
  await actOnAppeal({ db: options.db, taker: { kind: 'resident' }, id: appeal.id, event: 'dispute', version: appeal.version, input: { reason: options.body.reason } });
  return trackAppeal(options);
}

/** "Me too" on an open case, once per client id. */
export async function joinTrackedAppeal(options: { db: Db; code: string; body: z.infer<typeof publicMeTooBody> }) {
  const appeal = await findTracked(options.db, options.code);
  await addMeToo({ db: options.db, taker: { kind: 'resident' }, appealId: appeal.id, version: appeal.version, clientId: options.body.clientId, note: options.body.note ?? null, pointId: appeal.point_id, regionCode: appeal.region_code });
  return trackAppeal(options);
}

/** Records a "me too" as a step of the case; a repeated client id changes nothing. */
export async function addMeToo(options: {
  db: Db;
  taker: Parameters<typeof actOnAppeal>[0]['taker'];
  appealId: number;
  version: number;
  clientId: string;
  note: string | null;
  pointId: number | null;
  regionCode: string;
}) {
  const { db } = options;
  const seen = await db.selectFrom('appeal_me_too').select('id').where('client_id', '=', options.clientId).executeTakeFirst();
  if (seen) return;
  await actOnAppeal({
    db,
    taker: options.taker,
    id: options.appealId,
    event: 'me_too',
    version: options.version,
    input: { reason: options.note ?? undefined },
    alsoWrite: async (tx) => {
      await insertMeToo(tx, { clientId: options.clientId, appealId: options.appealId, pointId: options.pointId, regionCode: options.regionCode, note: options.note });
    },
  });
}
