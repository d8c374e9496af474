// Reusable SQL fragments for region scope: a region subtree is a prefix of the NBS code.
import { sql, type RawBuilder } from 'kysely';

/** `column LIKE 'prefix%'`: rows whose region lies in the subtree rooted at `regionCode`. */
export function inRegionSubtree(column: string, regionCode: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} LIKE ${regionCode + '%'}`;
}
