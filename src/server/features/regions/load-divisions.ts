// Loads the committed Hebei divisions into the regions table on first start (any seed size).
import { copyValue, type Database } from '../../db/database.ts';
import { readHebeiDivisions, type DivisionLevel } from './division-data.ts';

const levelNumber: Record<DivisionLevel, number> = { province: 1, city: 2, county: 3, township: 4, village: 5 };

/** Loads the geography if the regions table is empty; returns how many regions were loaded. */
export async function loadDivisionsIfEmpty(database: Database): Promise<number> {
  const divisions = await readHebeiDivisions();
  return database.bulkTransaction(async (session) => {
    const [{ count }] = await session.query<{ count: number }>('SELECT count(*)::int AS count FROM regions');
    if (count > 0) return 0;
    // Parents precede children in code order, so the foreign key holds row by row.
    const tsv = divisions
      .map((division) =>
        [division.code, division.parentCode, levelNumber[division.level], division.name, division.shortName, division.pinyin, division.initials]
          .map(copyValue)
          .join('\t'),
      )
      .join('\n');
    await session.copyRows('regions', ['code', 'parent_code', 'level', 'name', 'short_name', 'pinyin', 'initials'], tsv + '\n');
    await session.query('ANALYZE regions');
    return divisions.length;
  });
}
