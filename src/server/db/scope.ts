// Reusable SQL fragments for region scope: a region subtree is a prefix of the NBS code.
import { sql, type RawBuilder } from 'kysely';

/**
 * Rows whose region lies in the subtree rooted at `regionCode`: the codes from `1309` up to (not
 * including) `131:` in byte order, the range a `text_pattern_ops` index on the column answers exactly
 * (every region index is one), so no row is checked again as `LIKE '1309%'` would be. The bounds are
 * written into the statement rather than sent as parameters: the planner then knows how much of a
 * table the scope holds (all of it, a city, a village) in every plan of a prepared statement,
 * including the generic one it reuses without planning again.
 */
export function inRegionSubtree(column: string, regionCode: string): RawBuilder<boolean> {
  if (!/^\d{0,12}$/.test(regionCode)) throw new Error(`not a region code: ${JSON.stringify(regionCode)}`);
  const ref = sql.ref(column);
  // The whole tree: every code, as `LIKE '%'` (the range below has no upper bound to raise).
  if (regionCode === '') return sql<boolean>`${ref} IS NOT NULL`;
  return sql<boolean>`(${ref} ~>=~ ${sql.lit(regionCode)} AND ${ref} ~<~ ${sql.lit(prefixUpperBound(regionCode))})`;
}

/** The least string above every string that starts with `prefix` (its last character raised by one), in byte order. */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return prefix.slice(0, prefix.length - (last > 0xffff ? 2 : 1)) + String.fromCodePoint(last + 1);
}
