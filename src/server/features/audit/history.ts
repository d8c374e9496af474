// The change history of one record, read from the audit log and from what roster imports keep
// beside their one audit row: the changes they made to the record, and the values it was created
// with if an import created it.
import type { Executor } from '../../db/database.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { findImportCreation, listImportChanges } from '../roster-files/queries.ts';
import { listAuditEntries, listNamesByIds } from './queries.ts';

const historyLimit = 100;

/** Audit entries and import changes about one record, newest first, in the API's shape. */
export async function loadHistory(db: Executor, entityType: string, entityId: number, scopeRegionCode: string) {
  const [auditRows, importRows, creation] = await Promise.all([
    listAuditEntries(db, { scopeRegionCode: scopeRegionCode.slice(0, 2), entityType, entityId: String(entityId), limit: historyLimit }),
    listImportChanges(db, entityType, entityId, historyLimit),
    findImportCreation(db, entityType, entityId),
  ]);
  const edits = auditRows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorName: row.actor_name,
    action: row.action,
    before: row.before,
    after: row.after,
    details: row.details,
  }));
  const imports = importRows.map((row) => ({
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    actorName: row.actor_name,
    action: `${entityType}.imported`,
    before: row.before,
    after: row.after,
    details: { fileName: fileNameOf(row.details), rowNumber: row.row_number },
  }));
  // A creation by import has no earlier state (an empty `before`); its entry is the import's audit row.
  const created = creation
    ? [
        {
          id: Number(creation.audit_id),
          at: new Date(creation.at).toISOString(),
          actorName: creation.actor_name,
          action: `${entityType}.import_created`,
          before: {},
          after: creation.record.after,
          details: { fileName: fileNameOf(creation.details), rowNumber: creation.record.row },
        },
      ]
    : [];
  return nameReferences(db, [...edits, ...imports, ...created].sort((a, b) => b.at.localeCompare(a.at)).slice(0, historyLimit));
}

/** Display names of the values a history entry refers to by id or code, per field and side. */
export type HistoryNames = Record<string, { before?: string; after?: string }>;

// Fields whose values are ids or codes of other records.
const unitFields = ['unitId', 'parentId'];
const regionFields = ['regionCode', 'homeRegionCode'];
const sides = ['before', 'after'] as const;

const fieldsOf = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const pointOf = (value: unknown): unknown => fieldsOf(value).pointId;

/**
 * Gives each entry the names of the units, regions and points its values refer to (a unit's name
 * for 366, 河北省 / 沧州市 / 海兴县 for 130924), read in three queries for the whole history.
 */
async function nameReferences<Entry extends { before: unknown; after: unknown }>(db: Executor, entries: Entry[]): Promise<(Entry & { names: HistoryNames })[]> {
  const values = entries.flatMap((entry) => sides.map((side) => fieldsOf(entry[side])));
  const unitIds = values.flatMap((fields) => unitFields.map((field) => fields[field])).filter((value): value is number => Number.isInteger(value));
  const codes = values.flatMap((fields) => regionFields.map((field) => fields[field])).filter((value): value is string => typeof value === 'string' && /^\d+$/.test(value));
  const pointIds = values.map((fields) => pointOf(fields.priorPosting)).filter((value): value is number => Number.isInteger(value));
  const [units, regions, points] = await Promise.all([
    listNamesByIds(db, 'org_units', [...new Set(unitIds)]),
    codes.length ? describeRegionPaths(db, codes) : new Map<string, string>(),
    listNamesByIds(db, 'points', [...new Set(pointIds)]),
  ]);
  return entries.map((entry) => {
    const names: HistoryNames = {};
    const name = (field: string, side: (typeof sides)[number], found: string | undefined) => {
      if (found !== undefined) names[field] = { ...names[field], [side]: found };
    };
    for (const side of sides) {
      const fields = fieldsOf(entry[side]);
      for (const field of unitFields) name(field, side, units.get(fields[field] as number));
      for (const field of regionFields) name(field, side, regions.get(fields[field] as string));
      name('priorPosting', side, points.get(pointOf(fields.priorPosting) as number));
    }
    return { ...entry, names };
  });
}

function fileNameOf(details: unknown): string | null {
  const value = details && typeof details === 'object' ? (details as { fileName?: unknown }).fileName : undefined;
  return typeof value === 'string' ? value : null;
}

/** The fields whose values differ between two plain objects, as before/after pairs. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter, isChanged: Object.keys(changedAfter).length > 0 };
}
