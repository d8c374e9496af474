// The read endpoints the phone uses (docs/field-work-api.md) and the shapes it relies on. Types
// only from the server (erased at build time).
import type { z } from 'zod';
import type { categoryRow } from '../server/features/appeals/schemas.ts';
import type { diaryResponse, household, householdsResponse, meetingDetail, meetingSummary, myPoint } from '../server/features/field-work/schemas.ts';
import type { questionnaireDetail, questionnaireSummary } from '../server/features/questionnaires/schemas.ts';

export type MyPoint = z.infer<typeof myPoint>;
export type Household = z.infer<typeof household>;
export type HouseholdList = z.infer<typeof householdsResponse>;
export type DiaryList = z.infer<typeof diaryResponse>;
export type AppealCategory = z.infer<typeof categoryRow>;
export type MeetingSummary = z.infer<typeof meetingSummary>;
export type MeetingDetail = z.infer<typeof meetingDetail>;
export type QuestionnaireSummary = z.infer<typeof questionnaireSummary>;
export type QuestionnaireDetail = z.infer<typeof questionnaireDetail>;

export const fieldPaths = {
  myPoints: '/api/field/my-points',
  households: (pointId: number) => `/api/field/points/${pointId}/households`,
  meetings: (pointId: number) => `/api/field/points/${pointId}/meetings`,
  meeting: (id: number) => `/api/field/meetings/${id}`,
  diary: (from: string, to: string) => `/api/field/diary?from=${from}&to=${to}`,
  categories: '/api/appeal-categories',
  questionnaires: '/api/questionnaires',
  questionnaire: (id: number) => `/api/questionnaires/${id}`,
};

/** The forms a cadre may fill now: open, and theirs to answer. */
export function answerableForms(forms: QuestionnaireSummary[]): QuestionnaireSummary[] {
  return forms.filter((form) => form.isOpen && form.canAnswer);
}
