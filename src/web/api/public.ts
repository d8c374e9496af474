// The resident's endpoints (no account: the suggestion box, tracking, rating, dispute, "me too")
// and the two staff calls the cadre's phone intake needs. Shapes mirror
// src/server/features/appeals/schemas.ts (publicPoint, publicTracking, suggestionBoxBody, submitAppealBody).
import { request } from './client.ts';

export type AppealState = 'registered' | 'dispatched' | 'returned' | 'accepted' | 'in_progress' | 'replied' | 'reviewed' | 'rectifying' | 'closed' | 'merged';
export type AppealRating = 'very_satisfied' | 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'very_dissatisfied';
export type SolvedAnswer = 'yes' | 'partly' | 'no';
/** The channels a staff member may take an appeal in from the phone intake. */
export type IntakeChannel = 'household_visit' | 'symposium' | 'suggestion_box' | 'hotline' | 'walk_in' | 'proxy_agent';

export const appealRatings: AppealRating[] = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'];
export const solvedAnswers: SolvedAnswer[] = ['yes', 'partly', 'no'];
export const intakeChannels: IntakeChannel[] = ['household_visit', 'symposium', 'suggestion_box', 'hotline', 'walk_in', 'proxy_agent'];
/** States in which a case is still being worked on (others may join it with "me too"). */
export const openAppealStates: AppealState[] = ['registered', 'dispatched', 'returned', 'accepted', 'in_progress', 'replied', 'reviewed', 'rectifying'];

export interface PhotoUpload {
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  /** Base64 of the bytes, without a data: prefix. */
  dataBase64: string;
}

export interface PublicPoint {
  id: number;
  name: string;
  regionPath: string;
  categories: { code: string; nameZh: string; nameEn: string }[];
  openCases: { trackingCode: string; categoryName: string; title: string; meTooCount: number }[];
}

export interface PublicTracking {
  trackingCode: string;
  categoryName: string;
  categoryNameEn: string;
  title: string;
  pointName: string | null;
  regionPath: string;
  state: AppealState;
  createdAt: string;
  dueAt: string | null;
  replyText: string | null;
  timeline: { at: string; event: string; toState: string; unitName: string | null }[];
  canRate: boolean;
  canDispute: boolean;
  rating: AppealRating | null;
}

/** What the suggestion box sends. */
export interface SuggestionBoxInput {
  clientId: string;
  categoryCode: string;
  description: string;
  title?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  isAnonymous: boolean;
  isConfidential: boolean;
  photos?: PhotoUpload[];
}

/** What the staff intake sends (the phone intake uses a subset). */
export interface StaffIntakeInput {
  clientId: string;
  channel: IntakeChannel;
  categoryCode: string;
  pointId?: number;
  regionCode?: string;
  description: string;
  contactPhone?: string;
  isAnonymous: boolean;
  photos?: PhotoUpload[];
}

export interface SubmitResult {
  id: number;
  trackingCode: string;
  isNew: boolean;
}

export interface AppealCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  defaultUrgency: 'emergency' | 'urgent' | 'general' | 'complex';
  defaultLevel: number;
}

const trackPath = (code: string) => `/api/public/track/${encodeURIComponent(code.trim().toUpperCase())}`;

/** The resident's endpoints: no session needed. */
export const publicApi = {
  point: (pointId: number) => request<PublicPoint>('GET', `/api/public/points/${pointId}`),
  submit: (pointId: number, body: SuggestionBoxInput) => request<SubmitResult>('POST', `/api/public/points/${pointId}/appeals`, { body }),
  track: (code: string) => request<PublicTracking>('GET', trackPath(code)),
  rate: (code: string, body: { contacted: boolean; solved: SolvedAnswer; rating: AppealRating }) => request<PublicTracking>('POST', `${trackPath(code)}/rating`, { body }),
  dispute: (code: string, reason: string) => request<PublicTracking>('POST', `${trackPath(code)}/dispute`, { body: { reason } }),
  meToo: (code: string, clientId: string, note?: string) => request<PublicTracking>('POST', `${trackPath(code)}/me-too`, { body: note ? { clientId, note } : { clientId } }),
};

/** The staff calls of the phone intake (session cookie). */
export const intakeApi = {
  categories: () => request<AppealCategory[]>('GET', '/api/appeal-categories'),
  submit: (body: StaffIntakeInput) => request<SubmitResult>('POST', '/api/appeals', { body }),
};

/** True while the case is open (it can still be joined with "me too"). */
export function isOpenAppeal(state: AppealState): boolean {
  return openAppealStates.includes(state);
}
