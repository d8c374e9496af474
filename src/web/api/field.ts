// The field-work reads the console shows (docs/field-work-api.md): a point's visit coverage and
// meetings with what became of each decision, a cadre's own diary, and a unit's days on site.
// Shapes come from src/server/features/field-work/schemas.ts (types only).
import type { z } from 'zod';
import type { coverageResponse, diaryResponse, meetingDetail, meetingSummary, unitDiaryResponse } from '../../server/features/field-work/schemas.ts';
import { request } from './client.ts';

export type VisitCoverage = z.infer<typeof coverageResponse>;
export type MeetingSummary = z.infer<typeof meetingSummary>;
export type MeetingDetail = z.infer<typeof meetingDetail>;
export type DiaryList = z.infer<typeof diaryResponse>;
export type UnitDiary = z.infer<typeof unitDiaryResponse>;

export interface Period {
  from?: string;
  to?: string;
}

export const fieldApi = {
  coverage: (pointId: number, period: Period) => request<VisitCoverage>('GET', `/api/field/points/${pointId}/coverage`, { query: { ...period } }),
  meetings: (pointId: number) => request<MeetingSummary[]>('GET', `/api/field/points/${pointId}/meetings`),
  meeting: (id: number) => request<MeetingDetail>('GET', `/api/field/meetings/${id}`),
  myDiary: (period: Period) => request<DiaryList>('GET', '/api/field/diary', { query: { ...period } }),
  unitDiary: (query: Period & { unitId?: number }) => request<UnitDiary>('GET', '/api/field/diary/unit', { query: { ...query } }),
};
