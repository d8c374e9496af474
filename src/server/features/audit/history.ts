// The change history of one record, read from the audit log and from what roster imports keep
// beside their one audit row: the changes they made to the record, and the values it was created
// with if an import created it.
import type { Executor } from '../../db/database.ts';
import { findImportCreation, listImportChanges } from '../roster-files/queries.ts';
import { listAuditEntries } from './queries.ts';

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
  return [...edits, ...imports, ...created].sort((a, b) => b.at.localeCompare(a.at)).slice(0, historyLimit);
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
