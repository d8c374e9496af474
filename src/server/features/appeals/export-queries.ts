// SQL of the appeals export: the caller's filtered, visible cases a batch at a time (keyset on id).
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { filteredAppeals, type AppealFilter } from './queries.ts';

/** Visible cases matching the filter, oldest id first, `batchSize` at a time. */
export async function* iterateAppealsForExport(db: Executor, actor: Actor, filter: AppealFilter, batchSize = 2000) {
  let afterId = 0;
  for (;;) {
    const rows = await filteredAppeals(db, actor, filter)
      .leftJoin('appeal_categories as c', 'c.code', 'a.category_code')
      .leftJoin('points as p', 'p.id', 'a.point_id')
      .leftJoin('org_units as u', 'u.id', 'a.handling_unit_id')
      .select([
        'a.id',
        'a.tracking_code',
        'a.created_at',
        'a.channel',
        'c.name_zh as category_name',
        'a.urgency',
        'a.region_code',
        'p.name as point_name',
        'a.title',
        'a.state',
        'a.level',
        'u.name as handling_unit_name',
        'a.due_at',
        'a.closed_at',
        'a.contact_name',
        'a.contact_phone',
        'a.is_anonymous',
        'a.is_confidential',
        'a.subject_unit_id',
        'a.subject_cadre_id',
        'a.callback_rating',
        'a.followup_rating',
      ])
      .where('a.id', '>', afterId)
      .orderBy('a.id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    afterId = rows[rows.length - 1]!.id;
  }
}
