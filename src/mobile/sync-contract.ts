// The phone side of POST /api/field/sync (docs/field-work-api.md): record kinds and payloads as
// the phone builds them. The result type comes from the server's schema (a type-only import, so no
// server code reaches the bundle and a change of contract fails the type check here).
import type { SyncResult as ServerSyncResult } from '../server/features/field-work/sync-schemas.ts';

export type SyncResult = ServerSyncResult;
export type SyncKind = 'household' | 'visit' | 'meeting' | 'decision' | 'activity' | 'diary' | 'appeal' | 'response';
export type VisitOutcome = 'received' | 'nobody_home' | 'refused';
export const visitOutcomes: VisitOutcome[] = ['received', 'nobody_home', 'refused'];
export const householdFlags = ['left_behind_elderly', 'left_behind_children', 'minimum_income', 'disability', 'poverty_risk', 'empty_nest', 'other'] as const;
export type HouseholdFlag = (typeof householdFlags)[number];

export interface SyncRecord {
  clientId: string;
  kind: SyncKind;
  baseVersion?: number;
  payload: Record<string, unknown>;
}

export interface HouseholdPayload {
  pointId: number;
  kind?: 'household' | 'unit' | 'person';
  headName: string;
  address?: string;
  phone?: string;
  members: number;
  flags: HouseholdFlag[];
  note?: string;
  visitCycleDays?: number;
}

export interface NeedPayload {
  appealClientId: string;
  categoryCode: string;
  description: string;
  isAnonymous?: boolean;
  contactPhone?: string;
}

export interface VisitPayload {
  householdClientId: string;
  visitedOn: string;
  visitors: string;
  outcome: VisitOutcome;
  notes?: string;
  needs: NeedPayload[];
}

export interface DecisionPayload {
  clientId: string;
  text: string;
  kind: 'task' | 'appeal';
  ownerName?: string;
  dueOn?: string;
  categoryCode?: string;
  appealClientId?: string;
}

export interface MeetingPayload {
  pointId: number;
  kind: 'symposium' | 'deliberation';
  heldOn: string;
  title: string;
  agenda?: string;
  organisations: string[];
  attendeeCount: number;
  minutes?: string;
  decisions: DecisionPayload[];
}

/** A task's progress, changed from the version the phone saw (the record's clientId is the decision's). */
export interface DecisionProgressPayload {
  progress: number;
}

/** A questionnaire answered at a point (the record's clientId is the response's). */
export interface ResponsePayload {
  questionnaireId: number;
  pointId: number;
  householdId?: number;
  answers: Record<string, string | number | (string | number)[]>;
  raiseAppeal?: { clientId: string; categoryCode: string; description: string };
}

export interface ActivityPayload {
  pointId: number;
  heldOn: string;
  title: string;
  note?: string;
}

export interface DiaryPayload {
  entryOn: string;
  isOnSite: boolean;
  pointId?: number;
  text: string;
}

export type AppealChannel = 'household_visit' | 'symposium' | 'walk_in' | 'hotline';
export const appealChannels: AppealChannel[] = ['household_visit', 'symposium', 'walk_in', 'hotline'];

export interface AppealPayload {
  clientId: string;
  channel: AppealChannel;
  categoryCode: string;
  pointId: number;
  description: string;
  contactPhone?: string;
  isAnonymous: boolean;
}

/** The most records one request may carry. */
export const maxBatch = 200;
/** The same pattern the server applies to phone numbers. */
export const phonePattern = /^[0-9+\-\s()]{5,20}$/;
/** An 18-character resident ID number, which the server refuses in free text. */
export const idNumberPattern = /(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)/;
