// A page of a list and its exact total in one statement. Lists used to send the count and the page
// as two queries; each was parsed and planned on its own, and at province scale planning cost more
// than running them (0.9 ms of 1.3 ms per query). As two subqueries of one named prepared statement
// they share one round trip, one parse per pooled connection and one plan.
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Executor } from './database.ts';
import { executePrepared } from './prepared.ts';

export interface PageQuery {
  /** A leading `WITH …` clause both parts may read (e.g. a materialized set of search matches). */
  with?: RawBuilder<unknown>;
  /** A query counting every matching row: one row, one integer column. */
  count: Expression<unknown>;
  /** The page's rows, in page order (ORDER BY and the `pageBounds` inside). */
  page: Expression<unknown>;
  /** The page's bounds, as `pageBounds` wrote them into `page`. */
  bounds: PageBounds;
}

export interface PageBounds {
  offset: RawBuilder<number>;
  limit: RawBuilder<number>;
  /** A first page (up to `maxReusedOffset`): its statement is kept and reused; a deeper one runs once. */
  isReused: boolean;
}

/** The deepest OFFSET whose statement is kept (the first five pages of 20). */
export const maxReusedOffset = 80;

/**
 * A page's OFFSET and LIMIT written into the statement. As parameters, a generic plan would not know
 * that only 20 rows are wanted and would sort every match instead of reading a name-ordered index
 * until the page is full. Each page number is then its own statement: the first few are kept on the
 * connections (about 200 KB each in the database with their plan); deeper pages, rarely asked for,
 * are planned for their values and not kept.
 */
export function pageBounds(page: { offset: number; limit: number }): PageBounds {
  if (!Number.isSafeInteger(page.offset) || page.offset < 0 || !Number.isSafeInteger(page.limit) || page.limit < 1) throw new Error(`not a page: ${JSON.stringify(page)}`);
  return { offset: sql.lit(page.offset), limit: sql.lit(page.limit), isReused: page.offset <= maxReusedOffset };
}

/**
 * Runs a page query as one statement, prepared on a generic plan for the first pages (see
 * `executePrepared`); the page comes back as JSON in its own order (an aggregate fed from an ordered
 * subquery keeps that order) and is parsed by the driver.
 */
export async function selectPageWithTotal<Row>(db: Executor, query: PageQuery): Promise<{ items: Row[]; total: number }> {
  const statement = sql<{ total: number; items: Row[] }>`${query.with ?? sql``}SELECT (${query.count}) AS total, (SELECT coalesce(json_agg(page_rows), '[]'::json) FROM (${query.page}) page_rows) AS items`;
  const compiled = statement.compile(db);
  const { rows } = query.bounds.isReused ? await executePrepared(db, compiled, { plan: 'generic' }) : await db.executeQuery(compiled);
  return { total: rows[0].total, items: rows[0].items };
}
