// Same problem, many places: cases of one category whose descriptions are alike, across points,
// grouped into one issue (问题) owned by the level that can fix it — the township when they lie in
// one township, the county department when they span townships, the city department beyond.
import type { z } from 'zod';
import type { Db, Executor } from '../../db/database.ts';
import { isInScope, scopedRegion, type Actor } from '../../lib/actor.ts';
import { forbidden, invalidField } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { takeStepInTransaction } from './act-on-appeal.ts';
import { loadDeadlineSettings } from './deadlines.ts';
import { findAppealsByIds, findCatalogueUnits, findSimilarOpenPairs, insertIssue, isVisibleTo, listIssues } from './queries.ts';
import type { createIssueBody, issueSuggestionsQuery } from './issue-schemas.ts';

/** The common region of some cases, cut to a whole level (village 12, township 9, county 6, city 4, province 2). */
export function commonRegion(codes: string[]): string {
  let prefix = codes[0] ?? '13';
  for (const code of codes) while (!code.startsWith(prefix)) prefix = prefix.slice(0, -1);
  for (const length of [12, 9, 6, 4, 2]) if (prefix.length >= length) return prefix.slice(0, length);
  return '13';
}

/** The rung that can fix a problem spread over a region: one village or township → township (1), a county → county department (2), wider → city department (3). */
export function levelForRegion(regionCode: string): number {
  if (regionCode.length >= 9) return 1;
  if (regionCode.length === 6) return 2;
  return 3;
}

/** Connected groups of a similarity graph (union–find), largest first. */
export function clusterPairs(pairs: { a_id: number; b_id: number }[]): number[][] {
  const parent = new Map<number, number>();
  const find = (node: number): number => {
    let root = node;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(node, root);
    return root;
  };
  for (const { a_id: a, b_id: b } of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const [rootA, rootB] = [find(a), find(b)];
    if (rootA !== rootB) parent.set(Math.max(rootA, rootB), Math.min(rootA, rootB));
  }
  const groups = new Map<number, number[]>();
  for (const node of parent.keys()) {
    const root = find(node);
    groups.set(root, [...(groups.get(root) ?? []), node]);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => a - b)).sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

/** Groups worth making into one issue: at least `minCases` alike open cases at two or more points. */
export async function suggestAppealGroups(options: { db: Executor; actor: Actor; query: z.infer<typeof issueSuggestionsQuery> }) {
  const { db, actor, query } = options;
  if (!can(actor, 'appeals.dispatch')) throw forbidden();
  const regionCode = scopedRegion(actor, query.regionCode);
  if (!regionCode) return { items: [] };
  const pairs = await findSimilarOpenPairs(db, actor, { regionCode, days: query.days, threshold: query.threshold });
  const clusters = clusterPairs(pairs).filter((cluster) => cluster.length >= query.minCases);
  const items = [];
  for (const cluster of clusters.slice(0, 20)) {
    const cases = await findAppealsByIds(db, cluster);
    const points = new Set(cases.map((row) => row.point_id ?? row.region_code));
    if (points.size < 2) continue;
    const region = commonRegion(cases.map((row) => row.region_code));
    const level = levelForRegion(region);
    const unit = (await findCatalogueUnits(db, cases[0]!.category_code, region)).find((row) => row.level === level && region.startsWith(row.region_code));
    items.push({ categoryCode: cases[0]!.category_code, title: cases[0]!.title, appealIds: cluster, points: points.size, regionCode: region, level, unitId: unit?.unit_id ?? null, unitName: unit?.unit_name ?? null });
  }
  const paths = await describeRegionPaths(db, items.map((item) => item.regionCode), { fromLevel: 2 });
  return { items: items.map((item) => ({ ...item, regionPath: paths.get(item.regionCode) ?? item.regionCode })) };
}

/** Makes one issue of some cases: links each (a step in its history) and dispatches the still-registered ones to the issue's unit — all or nothing. */
export async function createAppealIssue(options: { db: Db; actor: Actor; body: z.infer<typeof createIssueBody> }) {
  const { db, actor, body } = options;
  if (!can(actor, 'appeals.dispatch')) throw forbidden();
  const cases = await findAppealsByIds(db, body.appealIds);
  for (const id of body.appealIds) {
    const found = cases.find((row) => row.id === id);
    if (!found || !(await isVisibleTo(db, actor, id))) throw invalidField('appealIds', `没有诉求 ${id}`, `no appeal ${id}`);
    if (found.issue_id !== null) throw invalidField('appealIds', `诉求 ${id} 已归入问题 ${found.issue_id}`, `appeal ${id} already belongs to issue ${found.issue_id}`);
  }
  const region = commonRegion(cases.map((row) => row.region_code));
  if (!isInScope(actor, region) && !region.startsWith(actor.regionCode)) throw invalidField('appealIds', '诉求跨出了您的管辖范围', 'the cases reach outside your scope');
  const level = body.level ?? levelForRegion(region);
  const unitId = body.unitId ?? (await findCatalogueUnits(db, cases[0]!.category_code, region)).find((row) => row.level === level && region.startsWith(row.region_code))?.unit_id ?? null;
  if (level > 0 && unitId === null) throw invalidField('unitId', '派单目录中没有这一级的承办单位，请指定', 'the catalogue has no unit on this rung; name one');
  const settings = await loadDeadlineSettings(db);
  const taker = { kind: 'staff' as const, actor };
  return db.transaction().execute(async (tx) => {
    const { id } = await insertIssue(tx, { title: body.title, categoryCode: cases[0]!.category_code, level, regionCode: region, handlingUnitId: unitId, createdBy: actor.accountId });
    for (const row of cases) {
      let current = await takeStepInTransaction(tx, settings, { taker, id: row.id, event: 'link_issue', version: row.version, input: { issueId: id, reason: body.title } });
      if (current.state === 'registered' && unitId !== null) {
        current = await takeStepInTransaction(tx, settings, { taker, id: row.id, event: 'dispatch', version: current.version, input: { level, unitId, reason: `并入问题：${body.title}` } });
      }
    }
    await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.username, action: 'appeal_issue.created', entityType: 'appeal_issue', entityId: id, regionCode: region, after: { ...body, level, unitId } });
    return { id, level, regionCode: region, unitId };
  });
}

export async function browseAppealIssues(options: { db: Executor; actor: Actor; regionCode?: string }) {
  const { db, actor } = options;
  if (!can(actor, 'appeals.view')) throw forbidden();
  const regionCode = scopedRegion(actor, options.regionCode);
  if (!regionCode) return { items: [] };
  const rows = await listIssues(db, regionCode);
  return {
    items: rows.map((row) => ({
      id: row.id,
      title: row.title,
      categoryCode: row.category_code,
      level: row.level,
      regionCode: row.region_code,
      regionName: row.region_name,
      unitName: row.unit_name,
      createdAt: new Date(row.created_at).toISOString(),
      cases: row.cases,
      openCases: row.open_cases,
      points: row.points,
    })),
  };
}


