// SQL fragment for searching people, places and units by name, pinyin, initials or digits.
// Works the same on PGlite and PostgreSQL: bigram arrays (GIN) for Chinese names, btree
// prefix indexes for pinyin/initials, and a reversed phone for "last digits".
import { sql, type RawBuilder } from 'kysely';
import type { SearchText } from '../lib/search-text.ts';
import { prefixUpperBound } from './scope.ts';

interface NameSearchColumns {
  /** Table alias, e.g. `cadres`. */
  table: string;
  /** Whether the table has phone_reversed (cadres). */
  hasPhone?: boolean;
  /** A code column matched exactly by digits or letters (external id, unit code). */
  codeColumn?: string;
}

/**
 * `column` starts with `prefix`, as the range [prefix, prefix with its last character raised by one)
 * that a btree answers. Unlike `LIKE $1 || '%'` the range is an index condition also when the prefix is
 * a parameter, so a prepared search keeps its index in the generic plan PostgreSQL reuses without
 * planning. `pattern`: the column's index uses text_pattern_ops (byte order, `~>=~`); `C`: compare
 * under COLLATE "C" (byte order, e.g. the name-order index on `pinyin COLLATE "C"`).
 */
export function startsWith(column: string, prefix: string, order: 'pattern' | 'C'): RawBuilder<boolean> {
  const ref = sql.ref(column);
  const upper = prefixUpperBound(prefix);
  return order === 'pattern'
    ? sql<boolean>`(${ref} ~>=~ ${prefix} AND ${ref} ~<~ ${upper})`
    : sql<boolean>`(${ref} COLLATE "C" >= ${prefix} AND ${ref} COLLATE "C" < ${upper})`;
}

/** A boolean SQL expression matching rows whose name/pinyin/initials/phone fit the search. */
export function matchesName(search: SearchText, columns: NameSearchColumns): RawBuilder<boolean> {
  const t = sql.table(columns.table);
  const column = (name: string) => `${columns.table}.${name}`;
  const code = columns.codeColumn ? sql.ref(`${columns.table}.${columns.codeColumn}`) : null;
  if (search.kind === 'han') {
    if (search.text.length === 1) return startsWith(column('search_name'), search.text, 'pattern');
    // The bigram containment narrows through the GIN index; strpos checks the order of characters.
    // (Not LIKE '%…%': in a generic plan of a prepared statement the pattern is unknown, and the
    // planner would scan the trigram index for it — every row — instead of the bigrams.)
    return sql<boolean>`(${t}.search_bigrams @> text_bigrams(${search.text}) AND strpos(${t}.search_name, ${search.text}) > 0)`;
  }
  if (search.kind === 'latin') {
    const byCode = code ? sql`OR upper(${code}) = ${search.text.toUpperCase()}` : sql``;
    return sql<boolean>`(${startsWith(column('pinyin'), search.text, 'pattern')} OR ${startsWith(column('initials'), search.text, 'pattern')} ${byCode})`;
  }
  if (search.kind === 'code') return code ? sql<boolean>`upper(${code}) = ${search.text}` : sql<boolean>`false`;
  const parts = [];
  if (columns.hasPhone && search.text.length >= 3) parts.push(startsWith(column('phone_reversed'), [...search.text].reverse().join(''), 'pattern'));
  if (code) parts.push(sql`${code} = ${search.text}`);
  if (parts.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(parts, sql` OR `)})`;
}
