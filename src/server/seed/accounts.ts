// The demo logins: one per role, scoped as a real deployment would scope them (the province and
// city offices, 海兴县's office, a 沧州 leader, a 海兴县 cadre and the head of his unit, a handling
// unit, a 苏基镇 agent).
import type { AccountRow, CadreRow, UnitRow } from './demo-rows.ts';
import type { ProvinceGeo } from './geography.ts';

/** The admin account, the only one a `none` seed creates. */
export const adminAccount: Omit<AccountRow, 'id'> = { username: 'admin', displayName: '系统管理员', role: 'admin', regionCode: '13', unitId: null, cadreId: null };

/** The demo accounts over generated units and cadres; an account whose unit is missing is left out. */
export function generateDemoAccounts(geo: ProvinceGeo, units: UnitRow[], cadres: CadreRow[], postedCadreIds: Set<number>, firstId = 1): AccountRow[] {
  const unitNamed = (name: string) => units.find((unit) => unit.name === name);
  const accounts: Omit<AccountRow, 'id'>[] = [adminAccount, { username: 'office', displayName: '省蹲点办', role: 'office', regionCode: '13', unitId: null, cadreId: null }];
  for (const city of geo.cities) {
    const organisation = unitNamed(`${city.name}委组织部`);
    // The campaign office sits in the organisation department (组织部).
    accounts.push({ username: `office-${city.code}`, displayName: `${city.name}蹲点办`, role: 'office', regionCode: city.code, unitId: organisation?.id ?? null, cadreId: null });
  }
  const haixingOrganisation = unitNamed('海兴县委组织部');
  if (haixingOrganisation) accounts.push({ username: 'office-130924', displayName: '海兴县蹲点办', role: 'office', regionCode: '130924', unitId: haixingOrganisation.id, cadreId: null });

  const cangzhouCommittee = unitNamed('沧州市委');
  // The deputy secretary rather than the secretary: a leader who also holds ordinary postings.
  const leader = cangzhouCommittee && cadres.find((cadre) => cadre.unitId === cangzhouCommittee.id && cadre.post === '市委副书记');
  if (leader) accounts.push({ username: 'leader-1309', displayName: leader.name, role: 'leader', regionCode: '1309', unitId: leader.unitId, cadreId: leader.id });

  const finance = unitNamed('海兴县财政局');
  // An ordinary staff member without an earlier programme posting, so the campaign's matching decides his points.
  const cadre = finance && cadres.find((row) => row.unitId === finance.id && !row.isLeader && row.post === '科员' && !postedCadreIds.has(row.id));
  if (cadre) accounts.push({ username: 'cadre-130924', displayName: cadre.name, role: 'cadre', regionCode: '130924', unitId: cadre.unitId, cadreId: cadre.id });

  const agriculture = unitNamed('海兴县农业农村局');
  if (agriculture) accounts.push({ username: 'handler-130924', displayName: agriculture.name, role: 'handler', regionCode: '130924', unitId: agriculture.id, cadreId: null });

  const sujiGovernment = unitNamed('苏基镇人民政府');
  if (sujiGovernment) accounts.push({ username: 'agent-130924100', displayName: '苏基镇便民服务站代办员', role: 'agent', regionCode: '130924100', unitId: sujiGovernment.id, cadreId: null });
  // The head of the demo cadre's unit (局长), stationed too: sees the days on site of the unit's cadres.
  const head = finance && cadres.find((row) => row.unitId === finance.id && row.isLeader);
  if (head) accounts.push({ username: 'head-130924', displayName: head.name, role: 'cadre', regionCode: '130924', unitId: head.unitId, cadreId: head.id });
  return accounts.map((account, index) => ({ ...account, id: firstId + index }));
}
