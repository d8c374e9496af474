// The appeals (诉求) endpoints of the staff console: lists, the case page and its workflow steps,
// contact reveal, similar cases, measures and the overdue list, the dispatch catalogue and the
// working-day calendar. Shapes mirror src/server/features/appeals/schemas.ts and workflow.ts.
import { request } from './client.ts';

// The workflow's states and events come from the one transition table (pure, no server imports).
import type { AppealEvent, AppealState } from '../../server/features/appeals/workflow.ts';

export { appealEvents, appealStates } from '../../server/features/appeals/workflow.ts';
export type { AppealEvent, AppealState };

export const appealChannels = ['household_visit', 'symposium', 'questionnaire', 'suggestion_box', 'hotline', 'walk_in', 'proxy_agent', 'web', 'open311'] as const;
export type AppealChannel = (typeof appealChannels)[number];
export type AppealUrgency = 'emergency' | 'urgent' | 'general' | 'complex';
export const appealRatings = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export type AppealRating = (typeof appealRatings)[number];
export const solvedAnswers = ['yes', 'partly', 'no'] as const;
export type SolvedAnswer = (typeof solvedAnswers)[number];
export const deadlineColours = ['green', 'yellow', 'red'] as const;
export type DeadlineColour = (typeof deadlineColours)[number];
/** The escalation ladder: 0 the stationed team at the point, 1 township, 2 county department, 3 city department. */
export const appealLevels = [0, 1, 2, 3] as const;

export interface AppealRow {
  id: number;
  trackingCode: string;
  channel: AppealChannel;
  categoryCode: string;
  categoryName: string;
  urgency: AppealUrgency;
  regionCode: string;
  regionPath: string;
  pointId: number | null;
  pointName: string | null;
  title: string;
  state: AppealState;
  level: number;
  isSupervised: boolean;
  isConfidential: boolean;
  handlingUnitId: number | null;
  handlingUnitName: string | null;
  dueAt: string | null;
  colour: DeadlineColour | null;
  meTooCount: number;
  issueId: number | null;
  createdAt: string;
  version: number;
}

export interface AppealPage {
  total: number;
  items: AppealRow[];
}

export interface AppealQuery {
  regionCode?: string;
  pointId?: number;
  /** Comma-separated states. */
  state?: string;
  categoryCode?: string;
  channel?: AppealChannel;
  colour?: DeadlineColour;
  unitId?: number;
  issueId?: number;
  mine?: boolean;
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  sort: 'created' | 'due';
}

export interface AppealEventRow {
  id: number;
  at: string;
  event: string;
  fromState: string | null;
  toState: string;
  actorKind: 'staff' | 'resident' | 'system' | 'client';
  actorName: string;
  unitName: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

export interface DispatchSuggestion {
  level: number;
  unitId: number | null;
  unitName: string;
  source: 'catalogue' | 'learned' | 'point_team';
  cases: number;
}

export interface AppealContact {
  name: string | null;
  phone: string | null;
  visibility: 'masked' | 'revealed' | 'withheld' | 'anonymous';
}

export interface AppealDetail extends AppealRow {
  description: string;
  address: string | null;
  sourceKind: string | null;
  sourceId: string | null;
  isAnonymous: boolean;
  contact: AppealContact;
  subjectUnitName: string | null;
  firstUnitName: string | null;
  coUnits: { id: number; name: string }[];
  mergedIntoId: number | null;
  clockKind: 'acceptance' | 'handling' | 'rectification' | null;
  clockStartedAt: string | null;
  handlingDueAt: string | null;
  pendingExtension: { days: number; reason: string } | null;
  replyText: string | null;
  callback: { at: string; contacted: boolean | null; solved: SolvedAnswer | null; rating: AppealRating | null } | null;
  followup: { at: string; solved: SolvedAnswer | null; rating: AppealRating | null } | null;
  isDisputed: boolean;
  photoIds: number[];
  events: AppealEventRow[];
  allowedEvents: AppealEvent[];
  suggestions: DispatchSuggestion[];
  canReveal: boolean;
}

/** One workflow step; `version` is the case version the caller saw. */
export interface ActOnAppealBody {
  event: AppealEvent;
  version: number;
  reason?: string;
  unitId?: number;
  level?: number;
  replyText?: string;
  extensionDays?: number;
  approve?: boolean;
  contacted?: boolean;
  solved?: SolvedAnswer;
  rating?: AppealRating;
  targetAppealId?: number;
  issueId?: number;
}

export interface AppealCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  defaultUrgency: AppealUrgency;
  defaultLevel: number;
}

export interface SimilarAppeal {
  id: number;
  trackingCode: string;
  title: string;
  regionPath: string;
  state: AppealState;
  similarity: number;
  createdAt: string;
}

export interface CatalogueRow {
  id: number;
  categoryCode: string;
  level: number;
  regionCode: string;
  regionName: string;
  unitId: number;
  unitName: string;
}

export interface CatalogueBody {
  categoryCode: string;
  level: number;
  regionCode: string;
  unitId: number;
}

export interface CalendarBody {
  holidays: string[];
  workingWeekends: string[];
}

export interface CalendarResponse extends CalendarBody {
  year: number;
  isDefault: boolean;
}

export const measureKeys = ['response', 'resolution', 'partly_solved', 'satisfaction', 'on_time_closure', 'reopen', 'return', 'direct_answer', 'bad_rating_rectification'] as const;
export type MeasureKey = (typeof measureKeys)[number];

export interface MeasureValue {
  key: MeasureKey | (string & {});
  numerator: number;
  denominator: number;
  /** numerator / denominator between 0 and 1; null when nothing was counted. */
  rate: number | null;
}

/** One region, unit or point; key and name are null for the cases without one (e.g. not yet dispatched). */
export interface MeasureGroup {
  key: string | null;
  name: string | null;
  cases: number;
  measures: MeasureValue[];
}

export const measureGroupings = ['region', 'unit', 'first_unit', 'point'] as const;
export type MeasureGrouping = (typeof measureGroupings)[number];

export interface AppealMeasures {
  period: { from: string; to: string };
  regionCode: string;
  groupBy: MeasureGrouping;
  cases: number;
  total: MeasureValue[];
  groups: MeasureGroup[];
}

export interface MeasuresQuery {
  regionCode?: string;
  from?: string;
  to?: string;
  groupBy: MeasureGrouping;
}

/** An open case past its deadline (GET /api/appeals/overdue). */
export interface OverdueAppeal {
  id: number;
  trackingCode: string;
  title: string;
  state: AppealState;
  categoryCode: string;
  categoryName: string;
  regionCode: string;
  regionName: string;
  handlingUnitId: number | null;
  handlingUnitName: string | null;
  dueAt: string;
  overdueHours: number;
}

/** Every appeals endpoint the console uses, one function each. */
export interface IssueSuggestion {
  categoryCode: string;
  title: string;
  appealIds: number[];
  points: number;
  regionCode: string;
  regionPath: string;
  level: number;
  unitId: number | null;
  unitName: string | null;
}

export interface AppealIssue {
  id: number;
  title: string;
  categoryCode: string;
  level: number;
  regionCode: string;
  regionName: string;
  unitName: string | null;
  createdAt: string;
  cases: number;
  openCases: number;
  points: number;
}

export const appealsApi = {
  issues: (query: { regionCode?: string }) => request<{ items: AppealIssue[] }>('GET', '/api/appeal-issues', { query }),
  issueSuggestions: (query: { regionCode?: string; days?: number }) => request<{ items: IssueSuggestion[] }>('GET', '/api/appeal-issues/suggestions', { query }),
  createIssue: (body: { title: string; appealIds: number[]; level?: number; unitId?: number }) => request<{ id: number; level: number; regionCode: string; unitId: number | null }>('POST', '/api/appeal-issues', { body }),
  categories: () => request<AppealCategory[]>('GET', '/api/appeal-categories'),
  list: (query: AppealQuery) => request<AppealPage>('GET', '/api/appeals', { query: { ...query, mine: query.mine ? 'true' : undefined } }),
  get: (id: number) => request<AppealDetail>('GET', `/api/appeals/${id}`),
  act: (id: number, body: ActOnAppealBody) => request<AppealDetail>('POST', `/api/appeals/${id}/events`, { body }),
  meToo: (id: number, body: { clientId: string; note?: string }) => request<AppealDetail>('POST', `/api/appeals/${id}/me-too`, { body }),
  revealContact: (id: number, reason: string) => request<{ name: string | null; phone: string | null }>('POST', `/api/appeals/${id}/reveal-contact`, { body: { reason } }),
  similar: (id: number) => request<{ items: SimilarAppeal[] }>('GET', `/api/appeals/${id}/similar`),
  photoUrl: (id: number, photoId: number) => `/api/appeals/${id}/photos/${photoId}`,

  measures: (query: MeasuresQuery) => request<AppealMeasures>('GET', '/api/appeals/measures', { query: { ...query } }),
  overdue: (query: { regionCode?: string; unitId?: number; pointId?: number; page: number; pageSize: number }) => request<{ total: number; items: OverdueAppeal[] }>('GET', '/api/appeals/overdue', { query }),

  catalogue: (query: { regionCode?: string; categoryCode?: string }) => request<CatalogueRow[]>('GET', '/api/dispatch-catalogue', { query }),
  addCatalogueRow: (body: CatalogueBody) => request<{ id: number }>('POST', '/api/dispatch-catalogue', { body }),
  deleteCatalogueRow: (id: number) => request<unknown>('DELETE', `/api/dispatch-catalogue/${id}`),
  calendar: (year: number) => request<CalendarResponse>('GET', `/api/working-calendars/${year}`),
  saveCalendar: (year: number, body: CalendarBody) => request<CalendarResponse>('PUT', `/api/working-calendars/${year}`, { body }),
};
