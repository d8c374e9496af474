// The read endpoints the phone uses (docs/field-work-api.md) and the shapes it relies on. Types
// only from the server (erased at build time).
import type { z } from 'zod';
import type { categoryRow } from '../server/features/appeals/schemas.ts';
import type { diaryResponse, household, householdsResponse, myPoint } from '../server/features/field-work/schemas.ts';

export type MyPoint = z.infer<typeof myPoint>;
export type Household = z.infer<typeof household>;
export type HouseholdList = z.infer<typeof householdsResponse>;
export type DiaryList = z.infer<typeof diaryResponse>;
export type AppealCategory = z.infer<typeof categoryRow>;

export const fieldPaths = {
  myPoints: '/api/field/my-points',
  households: (pointId: number) => `/api/field/points/${pointId}/households`,
  diary: (from: string, to: string) => `/api/field/diary?from=${from}&to=${to}`,
  categories: '/api/appeal-categories',
};
