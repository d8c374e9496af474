// Use case: edit a cadre with optimistic locking; the change and its history row commit together.
import type { Db } from '../../db/database.ts';
import { isInScope, type Actor } from '../../lib/actor.ts';
import { searchKeys } from '../../lib/chinese-text.ts';
import { forbidden, invalidField, staleVersion } from '../../lib/errors.ts';
import { diffFields } from '../audit/history.ts';
import { recordAudit } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { findUnitRegion } from '../accounts/queries.ts';
import { findRegion } from '../regions/queries.ts';
import { findCadreInScope, getCadre } from './browse-cadres.ts';
import { updateCadreIfVersion, type CadreChanges } from './queries.ts';
import type { z } from 'zod';
import type { updateCadreBody } from './schemas.ts';

/** Applies an edit if the caller's version is current; a stale version is a conflict. */
export async function updateCadre(options: { db: Db; actor: Actor; id: number; input: z.infer<typeof updateCadreBody> }) {
  const { db, actor, id, input } = options;
  if (!can(actor, 'rosters.edit')) throw forbidden();
  const existing = await findCadreInScope(db, actor, id);
  const changes: CadreChanges = {};
  if (input.name !== undefined) Object.assign(changes, { name: input.name, ...keysOf(input.name) });
  if (input.gender !== undefined) changes.gender = input.gender;
  if (input.birthYear !== undefined) changes.birth_year = input.birthYear;
  if (input.post !== undefined) changes.post = input.post;
  if (input.rank !== undefined) changes.rank = input.rank;
  if (input.isLeader !== undefined) changes.is_leader = input.isLeader;
  if (input.leadingBody !== undefined) changes.leading_body = input.leadingBody;
  if (input.skills !== undefined) changes.skills = input.skills;
  if (input.phone !== undefined) changes.phone = input.phone;
  if (input.category !== undefined) {
    changes.category = input.category;
    changes.is_category_overridden = true;
  }
  if (input.unitId !== undefined) {
    const unit = await findUnitRegion(db, input.unitId);
    if (!unit || !isInScope(actor, unit.region_code)) throw invalidField('unitId', '单位不存在或不在您的管辖范围内', 'no such unit in your scope');
    changes.unit_id = unit.id;
    changes.region_code = unit.region_code;
  }
  if (input.homeRegionCode) {
    if (!(await findRegion(db, input.homeRegionCode))) throw invalidField('homeRegionCode', '户籍地区划不存在', 'no such village');
  }
  if (input.homeRegionCode !== undefined) changes.home_region_code = input.homeRegionCode;

  const before = { name: existing.name, gender: existing.gender, birthYear: existing.birth_year, unitId: existing.unit_id, post: existing.post, rank: existing.rank, isLeader: existing.is_leader, leadingBody: existing.leading_body, category: existing.category, skills: existing.skills, phone: existing.phone ? 'set' : null, homeRegionCode: existing.home_region_code };
  const after = {
    ...before,
    ...Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'version')),
    // Phones never enter the history in clear: only whether one is set.
    phone: (input.phone !== undefined ? input.phone : existing.phone) ? 'set' : null,
  };
  const diff = diffFields(before, after);
  await db.transaction().execute(async (tx) => {
    const changed = await updateCadreIfVersion(tx, id, input.version, changes);
    if (changed === 0) throw staleVersion();
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorName: actor.username,
      action: 'cadre.updated',
      entityType: 'cadre',
      entityId: id,
      regionCode: changes.region_code ?? existing.region_code,
      before: diff.before,
      after: diff.after,
    });
  });
  return getCadre({ db, actor, id });
}

function keysOf(name: string) {
  const keys = searchKeys(name, 'person');
  return { search_name: keys.normalized, pinyin: keys.pinyin, initials: keys.initials };
}
