// Where the caller stands at a point: the one place that turns a point id into the caller's field
// access (team, overseer, none), for reads (404 outside) and for writes (a field problem the phone
// can show next to the point).
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { fieldAccessAt, mayReadFieldWork, mayRecordFieldWork, type FieldAccess } from './policy.ts';
import { findPoint, isCadrePostedAt } from './queries.ts';

export type FieldPoint = NonNullable<Awaited<ReturnType<typeof findPoint>>>;

/** The point and the caller's access to it, or null when there is no such point. `cache` spares repeated look-ups within one sync batch. */
export async function resolvePointAccess(db: Executor, actor: Actor, pointId: number, cache?: Map<number, { point: FieldPoint; access: FieldAccess } | null>) {
  if (cache?.has(pointId)) return cache.get(pointId)!;
  const point = await findPoint(db, pointId);
  let resolved: { point: FieldPoint; access: FieldAccess } | null = null;
  if (point) {
    const isActorPostedAt = actor.role === 'cadre' && actor.cadreId !== null ? await isCadrePostedAt(db, actor.cadreId, point.id) : false;
    resolved = { point, access: fieldAccessAt(actor, { pointRegionCode: point.region_code, isActorPostedAt }) };
  }
  cache?.set(pointId, resolved);
  return resolved;
}

/** Refuses roles that never record field work (offices and leaders read it only). */
export function requireFieldRecorder(actor: Actor): void {
  if (!mayRecordFieldWork(actor)) throw new AppError('FORBIDDEN', '只有驻点干部记录走访、会议、活动和日记；办公室和领导只查看', 'Only stationed cadres record visits, meetings, activities and diaries; offices and leaders read them');
}

/** A point whose field records the caller may read, with the access; 404 when it is not theirs to see. */
export async function requireReadablePoint(db: Executor, actor: Actor, pointId: number) {
  if (!mayReadFieldWork(actor)) throw new AppError('FORBIDDEN', '无权查看联系点的走访记录', 'You may not see field records of points');
  const resolved = await resolvePointAccess(db, actor, pointId);
  if (!resolved || resolved.access === 'none') throw notFound('联系点', 'Contact point');
  return resolved;
}

/** A point of the caller's own team, for a write; otherwise a problem with `field` (the phone shows it there). */
export async function requireTeamPoint(db: Executor, actor: Actor, pointId: number, field: string, cache?: Map<number, { point: FieldPoint; access: FieldAccess } | null>): Promise<FieldPoint> {
  requireFieldRecorder(actor);
  const resolved = await resolvePointAccess(db, actor, pointId, cache);
  if (!resolved) throw invalidField(field, '没有这个联系点', 'no such contact point');
  if (resolved.access !== 'team') throw invalidField(field, '您没有在这个联系点蹲点，不能在此记录', 'you are not posted to this point, so you cannot record here');
  return resolved.point;
}
