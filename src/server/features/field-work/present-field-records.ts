// The API form of field records, shared by the reads and by a sync conflict's `server` copy (which
// must look exactly as the GET shows it).
import { maskPhone } from '../../lib/masking.ts';
import type { HouseholdFlag } from './sync-schemas.ts';
import type { DiaryRow } from './diary-queries.ts';
import type { DecisionRow } from './meeting-queries.ts';
import type { HouseholdRow } from './queries.ts';

const iso = (value: Date | string): string => new Date(value).toISOString();

/** A household of the register; its phone in full only when `isPhoneVisible` (the team at the point). */
export function presentHousehold(row: HouseholdRow, options: { isPhoneVisible: boolean; today: string; dueBy: string }) {
  const isPhoneMasked = !options.isPhoneVisible && row.phone !== null;
  return {
    id: row.id,
    clientId: row.client_id,
    pointId: row.point_id,
    kind: row.kind,
    headName: row.head_name,
    address: row.address,
    phone: isPhoneMasked ? maskPhone(row.phone) : row.phone,
    isPhoneMasked,
    members: row.members,
    flags: row.flags as HouseholdFlag[],
    note: row.note,
    visitCycleDays: row.visit_cycle_days,
    nextVisitOn: row.next_visit_on,
    isDue: row.next_visit_on !== null && row.next_visit_on <= options.dueBy,
    lastVisit: row.last_visited_on && row.last_outcome ? { visitedOn: row.last_visited_on, outcome: row.last_outcome } : null,
    visitCount: row.visit_count,
    version: row.version,
    updatedAt: iso(row.updated_at),
  };
}

/** A meeting decision with what became of it: a task's progress, or the appeal's case. */
export function presentDecision(row: DecisionRow, today: string) {
  return {
    id: row.id,
    clientId: row.client_id,
    text: row.text,
    kind: row.kind,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    progress: row.progress,
    isOverdue: row.kind === 'task' && row.due_on !== null && row.due_on < today && row.progress < 100,
    version: row.version,
    appeal: row.appeal_id !== null && row.tracking_code !== null ? { id: row.appeal_id, trackingCode: row.tracking_code, state: row.appeal_state!, title: row.appeal_title! } : null,
  };
}

export function presentDiaryEntry(row: DiaryRow) {
  return {
    id: row.id,
    clientId: row.client_id,
    entryOn: row.entry_on,
    isOnSite: row.is_on_site,
    pointId: row.point_id,
    pointName: row.point_name,
    text: row.text,
    version: row.version,
    updatedAt: iso(row.updated_at),
  };
}
