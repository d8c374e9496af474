// Named prepared statements, opt-in per query. On PostgreSQL a statement run through
// `executePrepared` is parsed and planned once per pooled connection, then only bound and executed
// (PostgreSQL switches to a generic plan after five runs when it costs no more than the custom
// ones). On PGlite — one in-process session shared by every pooled client, which would collide on
// statement names — the same call runs as an ordinary query, so query files call it on both.
import pg from 'pg';
import type { CompiledQuery, QueryResult } from 'kysely';
import type { Executor } from './database.ts';

/** SQL text → statement name, for every text a query file has asked to prepare. */
const statementNames = new Map<string, string>();

/**
 * A ceiling on distinct prepared texts: a query whose text varied per call (a list of values
 * spelled out) would otherwise leave a new statement on every connection each time. Past it, a
 * new text runs unprepared.
 */
export const maxPreparedStatements = 400;

/** A ceiling on the texts run on generic plans (each scope, filter shape and first page of a list is one). */
export const maxGenericPlanStatements = 150;
let genericTexts = 0;

/** The database → its executor on connections that always use generic plans (PostgreSQL only). */
const genericPlanExecutors = new WeakMap<Executor, Executor>();

/** Registers `generic` (a pool with plan_cache_mode = force_generic_plan) as `db`'s executor for generic plans. */
export function useForGenericPlans(db: Executor, generic: Executor): void {
  genericPlanExecutors.set(db, generic);
}

/**
 * Runs a compiled query as a named prepared statement on PostgreSQL and as a plain query on
 * PGlite. Use it for hot statements whose SQL text is the same on every call (values are
 * parameters), e.g. `executePrepared(db, query.compile())` or `executePrepared(db, sql`…`.compile(db))`.
 *
 * `plan: 'generic'` runs it, outside a transaction, on connections that never plan a statement
 * again after its first run. PostgreSQL's own choice keeps planning a statement for every set of
 * values when the values change its estimates — a name search, whose prefix is a parameter, was
 * planned on every call (a third of the database's time per search). Only for statements written so
 * that one plan serves every value: what steers the plan (region scope, small vocabularies, page
 * bounds) is written into the text, and every parameter is an index condition that stays one in a
 * generic plan (`startsWith` ranges, not `LIKE $1`).
 */
export function executePrepared<Row>(db: Executor, query: CompiledQuery<Row>, options: { plan?: 'generic' } = {}): Promise<QueryResult<Row>> {
  const generic = options.plan === 'generic' && !db.isTransaction ? genericPlanExecutors.get(db) : undefined;
  if (generic) {
    // A generic plan is kept per statement and connection (~200 KB in the database for a list):
    // past its own ceiling a new text runs unprepared, planned for its values.
    if (!statementNames.has(query.sql)) {
      if (genericTexts >= maxGenericPlanStatements || statementNames.size >= maxPreparedStatements) return db.executeQuery(query);
      statementNames.set(query.sql, `dundian_${statementNames.size + 1}`);
      genericTexts += 1;
    }
    return generic.executeQuery(query);
  }
  if (!statementNames.has(query.sql) && statementNames.size < maxPreparedStatements) {
    statementNames.set(query.sql, `dundian_${statementNames.size + 1}`);
  }
  return db.executeQuery(query);
}

/** The statement name a SQL text runs under, if it was asked to be prepared. */
export function preparedStatementName(sqlText: string): string | undefined {
  return statementNames.get(sqlText);
}

/**
 * The PostgreSQL pool's client: a query whose text `executePrepared` registered is sent as
 * `{ name, text, values }` (node-postgres parses it on the first use per connection and reuses
 * it afterwards); every other query goes through unchanged.
 */
export class PreparingClient extends pg.Client {}

type AnyQuery = (this: pg.Client, ...args: unknown[]) => unknown;
const plainQuery = pg.Client.prototype.query as AnyQuery;
// Set on the prototype rather than declared: pg's typings overload query() a dozen ways.
(PreparingClient.prototype as unknown as { query: AnyQuery }).query = function query(this: pg.Client, ...args: unknown[]) {
  const [text, values] = args;
  // Kysely calls query(sql, parameters); the pool's own query(text, values, callback) and query
  // configs (cursors, COPY streams) pass through.
  if (args.length === 2 && typeof text === 'string' && Array.isArray(values)) {
    const name = statementNames.get(text);
    if (name) return plainQuery.call(this, { name, text, values });
  }
  return plainQuery.apply(this, args);
};
