// SQL of questionnaires: the forms, their public links, responses stored once per phone id, and
// responses read in id order, in batches, for results and exports.
import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { QuestionnairesTable } from '../../db/schema.ts';

export type QuestionnaireRecord = Selectable<QuestionnairesTable>;

/** Inserts a form unless its form_id is taken; returns the new id, or null when taken. */
export async function insertQuestionnaireOnce(
  db: Executor,
  row: { formId: string; title: string; definition: unknown; regionCode: string; createdBy: number },
): Promise<number | null> {
  const inserted = await db
    .insertInto('questionnaires')
    .values({ form_id: row.formId, title: row.title, definition: JSON.stringify(row.definition), region_code: row.regionCode, created_by: row.createdBy })
    .onConflict((conflict) => conflict.column('form_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function findQuestionnaire(db: Executor, id: number): Promise<QuestionnaireRecord | undefined> {
  return db.selectFrom('questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findQuestionnaireByToken(db: Executor, token: string): Promise<QuestionnaireRecord | undefined> {
  return db.selectFrom('questionnaires').selectAll().where('public_token', '=', token).executeTakeFirst();
}

/**
 * The forms that apply to a scope — made inside it, or for a region containing it — newest first,
 * each with the number of its responses inside the scope.
 */
export async function listQuestionnaires(db: Executor, scopeRegionCode: string) {
  return db
    .selectFrom('questionnaires as q')
    .selectAll('q')
    .select(
      sql<number>`(SELECT count(*)::int FROM questionnaire_responses r WHERE r.questionnaire_id = q.id AND r.region_code LIKE ${`${scopeRegionCode}%`})`.as('response_count'),
    )
    .where((eb) => eb.or([eb('q.region_code', 'like', `${scopeRegionCode}%`), sql<SqlBool>`${scopeRegionCode} LIKE q.region_code || '%'`]))
    .orderBy('q.created_at', 'desc')
    .orderBy('q.id', 'desc')
    .limit(500)
    .execute();
}

export async function countResponses(db: Executor, questionnaireId: number, regionCode: string): Promise<number> {
  const row = await db
    .selectFrom('questionnaire_responses')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('questionnaire_id', '=', questionnaireId)
    .where('region_code', 'like', `${regionCode}%`)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function setQuestionnaireOpen(db: Executor, id: number, isOpen: boolean): Promise<void> {
  await db.updateTable('questionnaires').set({ is_open: isOpen }).where('id', '=', id).execute();
}

/** Sets the public token unless the form has one already; returns the token in force. */
export async function setPublicTokenOnce(db: Executor, id: number, token: string): Promise<string> {
  await db.updateTable('questionnaires').set({ public_token: token }).where('id', '=', id).where('public_token', 'is', null).execute();
  const row = await db.selectFrom('questionnaires').select('public_token').where('id', '=', id).executeTakeFirstOrThrow();
  return row.public_token!;
}

export async function findResponseByClientId(db: Executor, clientId: string) {
  return db.selectFrom('questionnaire_responses').select(['id', 'client_id', 'questionnaire_id', 'point_id', 'region_code']).where('client_id', '=', clientId).executeTakeFirst();
}

/** Inserts a response unless its client id exists already; returns the new id, or null on a duplicate. */
export async function insertResponseOnce(
  db: Executor,
  row: { clientId: string; questionnaireId: number; pointId: number | null; regionCode: string; householdId: number | null; answers: Record<string, string>; channel: 'cadre' | 'public'; accountId: number | null; createdAt: Date },
): Promise<number | null> {
  const inserted = await db
    .insertInto('questionnaire_responses')
    .values({
      client_id: row.clientId,
      questionnaire_id: row.questionnaireId,
      point_id: row.pointId,
      region_code: row.regionCode,
      household_id: row.householdId,
      answers: JSON.stringify(row.answers),
      channel: row.channel,
      account_id: row.accountId,
      created_at: row.createdAt,
    })
    .onConflict((conflict) => conflict.column('client_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function findPoint(db: Executor, id: number) {
  return db.selectFrom('points').select(['id', 'name', 'region_code']).where('id', '=', id).executeTakeFirst();
}

export async function findHousehold(db: Executor, id: number) {
  return db.selectFrom('households').select(['id', 'point_id', 'region_code']).where('id', '=', id).executeTakeFirst();
}

export interface ResponseFilter {
  questionnaireId: number;
  /** Region subtree of the responses (already narrowed to the caller's scope). */
  regionCode: string;
  pointId?: number;
}

export interface StoredResponse {
  id: number;
  client_id: string;
  point_id: number | null;
  point_name: string | null;
  region_code: string;
  channel: 'cadre' | 'public';
  answers: unknown;
  created_at: Date;
}

/** The responses matching a filter in id order, `batchSize` at a time (keyset paging: no offset scans). */
export async function* iterateResponses(db: Executor, filter: ResponseFilter, batchSize = 2000): AsyncIterable<StoredResponse[]> {
  let afterId = 0;
  for (;;) {
    const batch = await db
      .selectFrom('questionnaire_responses as r')
      .leftJoin('points as p', 'p.id', 'r.point_id')
      .select(['r.id', 'r.client_id', 'r.point_id', 'p.name as point_name', 'r.region_code', 'r.channel', 'r.answers', 'r.created_at'])
      .where('r.questionnaire_id', '=', filter.questionnaireId)
      .where('r.region_code', 'like', `${filter.regionCode}%`)
      .$if(filter.pointId !== undefined, (query) => query.where('r.point_id', '=', filter.pointId!))
      .where('r.id', '>', afterId)
      .orderBy('r.id')
      .limit(batchSize)
      .execute();
    if (batch.length === 0) return;
    yield batch.map((row) => ({ ...row, id: Number(row.id) }));
    if (batch.length < batchSize) return;
    afterId = Number(batch.at(-1)!.id);
  }
}
