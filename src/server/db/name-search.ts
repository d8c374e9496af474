// SQL fragment for searching people, places and units by name, pinyin, initials or digits.
// Works the same on PGlite and PostgreSQL: bigram arrays (GIN) for Chinese names, btree
// prefix indexes for pinyin/initials, and a reversed phone for "last digits".
import { sql, type RawBuilder } from 'kysely';
import { escapeLike, type SearchText } from '../lib/search-text.ts';

interface NameSearchColumns {
  /** Table alias, e.g. `cadres`. */
  table: string;
  /** Whether the table has phone_reversed (cadres). */
  hasPhone?: boolean;
  /** A code column matched exactly by digits or letters (external id, unit code). */
  codeColumn?: string;
}

/** A boolean SQL expression matching rows whose name/pinyin/initials/phone fit the search. */
export function matchesName(search: SearchText, columns: NameSearchColumns): RawBuilder<boolean> {
  const t = sql.table(columns.table);
  const code = columns.codeColumn ? sql.ref(`${columns.table}.${columns.codeColumn}`) : null;
  if (search.kind === 'han') {
    if (search.text.length === 1) return sql<boolean>`${t}.search_name LIKE ${escapeLike(search.text) + '%'}`;
    // The bigram containment narrows through the GIN index; strpos checks the order of characters.
    // (Not LIKE '%…%': in a generic plan of a prepared statement the pattern is unknown, and the
    // planner would scan the trigram index for it — every row — instead of the bigrams.)
    return sql<boolean>`(${t}.search_bigrams @> text_bigrams(${search.text}) AND strpos(${t}.search_name, ${search.text}) > 0)`;
  }
  if (search.kind === 'latin') {
    const prefix = escapeLike(search.text) + '%';
    const byCode = code ? sql`OR upper(${code}) = ${search.text.toUpperCase()}` : sql``;
    return sql<boolean>`(${t}.pinyin LIKE ${prefix} OR ${t}.initials LIKE ${prefix} ${byCode})`;
  }
  if (search.kind === 'code') return code ? sql<boolean>`upper(${code}) = ${search.text}` : sql<boolean>`false`;
  const parts = [];
  if (columns.hasPhone && search.text.length >= 3) parts.push(sql`${t}.phone_reversed LIKE ${escapeLike([...search.text].reverse().join('')) + '%'}`);
  if (code) parts.push(sql`${code} = ${search.text}`);
  if (parts.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(parts, sql` OR `)})`;
}
