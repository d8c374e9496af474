// Use cases of the region tree: one region, its children with counts, its ancestors, search.
import type { Executor } from '../../db/database.ts';
import { isInScope, type Actor } from '../../lib/actor.ts';
import { normalizeText } from '../../lib/chinese-text.ts';
import { notFound } from '../../lib/errors.ts';
import { countInRegion, countPerChildRegion, findRegion, listChildRegions, listRegionsByCode, searchRegions } from './queries.ts';
import { ancestorCodes, childCodeLength } from './region-codes.ts';

interface Options {
  db: Executor;
  actor: Actor;
}

/** Finds a region in the actor's scope; outside it, it does not exist. */
async function findRegionInScope({ db, actor }: Options, code: string) {
  const region = isInScope(actor, code) ? await findRegion(db, code) : undefined;
  if (!region) throw notFound('行政区划', 'Region');
  return region;
}

const present = (row: { code: string; name: string; short_name: string; level: number }) => ({
  code: row.code,
  name: row.name,
  shortName: row.short_name,
  level: row.level,
});

/** A region with its counts and the chain of its ancestors. */
export async function getRegion(options: Options & { code: string }) {
  const region = await findRegionInScope(options, options.code);
  const [counts, ancestors] = await Promise.all([
    countInRegion(options.db, region.code),
    listRegionsByCode(options.db, ancestorCodes(region.code)),
  ]);
  return {
    ...present(region),
    regionCode: region.code,
    parentCode: region.parent_code,
    ...counts,
    ancestors: ancestors.map(present),
  };
}

/** The children of a region, each with the cadres and points in its subtree. */
export async function listRegionChildren(options: Options & { code: string }) {
  const region = await findRegionInScope(options, options.code);
  const length = childCodeLength(region.code);
  if (length === null) return [];
  const [children, counts] = await Promise.all([
    listChildRegions(options.db, region.code),
    countPerChildRegion(options.db, region.code, length),
  ]);
  return children.map((child) => ({
    ...present(child),
    regionCode: child.code,
    cadres: counts.cadres.get(child.code) ?? 0,
    points: counts.points.get(child.code) ?? 0,
    hasChildren: child.level < 5,
  }));
}

/** The ancestors of a region, province first. */
export async function listRegionAncestors(options: Options & { code: string }) {
  const region = await findRegionInScope(options, options.code);
  return (await listRegionsByCode(options.db, ancestorCodes(region.code))).map(present);
}

/** Regions in scope matching a name (Simplified or Traditional), pinyin or initials. */
export async function findRegions(options: Options & { q: string; maxLevel: number; limit: number }) {
  const text = normalizeText(options.q).replace(/\s+/g, '');
  const latin = /^[a-z]+$/i.test(text) ? text.toLowerCase() : null;
  const rows = await searchRegions(options.db, {
    scopeRegionCode: options.actor.regionCode,
    text,
    latin,
    maxLevel: options.maxLevel,
    limit: options.limit,
  });
  const paths = await describeRegionPaths(options.db, rows.map((row) => row.code));
  return rows.map((row) => ({ ...present(row), regionCode: row.code, path: paths.get(row.code)! }));
}

/** Full paths (河北省 / 沧州市 / 海兴县 / …) of several regions, with one query. */
export async function describeRegionPaths(db: Executor, codes: string[], options: { fromLevel?: number } = {}) {
  const unique = [...new Set(codes)];
  const all = [...new Set(unique.flatMap((code) => [...ancestorCodes(code), code]))];
  const names = new Map((await listRegionsByCode(db, all)).map((row) => [row.code, row.name]));
  const skip = (options.fromLevel ?? 1) - 1;
  return new Map(unique.map((code) => [code, [...ancestorCodes(code), code].slice(skip).map((part) => names.get(part) ?? part).join(' / ')]));
}
