// "My points" for a cadre, with the team at each point ("my team").
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { listPostingsOfCadre, listTeamAtPoint } from './queries.ts';

/** The published points of the signed-in cadre, each with its team. */
export async function listMyPoints(options: { db: Executor; actor: Actor }) {
  const { db, actor } = options;
  if (!actor.cadreId) throw new AppError('FORBIDDEN', '当前账号没有关联干部', 'This account is not linked to a cadre');
  const postings = await listPostingsOfCadre(db, actor.cadreId);
  const paths = await describeRegionPaths(db, postings.map((posting) => posting.region_code), { fromLevel: 2 });
  return Promise.all(
    postings.map(async (posting) => ({
      pointId: posting.point_id,
      pointName: posting.point_name,
      pointType: posting.point_type,
      regionCode: posting.region_code,
      regionPath: paths.get(posting.region_code)!,
      isLocked: posting.is_locked,
      startsOn: String(posting.starts_on).slice(0, 10),
      needs: { disorder: posting.disorder_severity, difficulty: posting.difficulty_severity, poverty: posting.poverty_severity },
      households: posting.households,
      population: posting.population,
      team: (await listTeamAtPoint(db, posting.point_id)).map((member) => ({
        cadreId: member.cadre_id,
        name: member.name,
        post: member.post,
        unitName: member.unit_name,
        category: member.category,
        isLeader: member.is_leader,
        isMe: member.cadre_id === actor.cadreId,
      })),
    })),
  );
}
