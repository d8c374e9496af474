// The questionnaire (调查表) endpoints: forms (built in the console or imported from an XLSForm),
// their public link, answers, results per question and the export. Shapes mirror
// src/server/features/questionnaires/schemas.ts; the form itself is src/shared/forms' FormDefinition.
import type { AnswerInput, FormDefinition } from '../../shared/forms/form-definition.ts';
import { ApiError, request } from './client.ts';

export interface QuestionnaireSummary {
  id: number;
  formId: string;
  title: string;
  regionCode: string;
  isOpen: boolean;
  publicToken: string | null;
  questionCount: number;
  responseCount: number;
  createdAt: string;
  canManage: boolean;
  canAnswer: boolean;
  canViewResults: boolean;
}

export interface QuestionnaireDetail extends QuestionnaireSummary {
  definition: FormDefinition;
}

export interface NumericSummary {
  count: number;
  mean: number;
  min: number;
  max: number;
  buckets: { from: number; to: number; count: number }[];
}

export interface QuestionResult {
  name: string;
  type: string;
  label: Record<string, string>;
  answered: number;
  choices?: { name: string; label: Record<string, string>; count: number }[];
  numeric?: NumericSummary | null;
}

export interface QuestionnaireResults {
  questionnaireId: number;
  title: string;
  responses: number;
  questions: QuestionResult[];
}

export interface ResponseInput {
  clientId: string;
  pointId?: number;
  householdId?: number;
  answers: Record<string, AnswerInput>;
  raiseAppeal?: { clientId: string; categoryCode: string; description: string };
}

export interface AcceptedResponse {
  id: number;
  clientId: string;
  isNew: boolean;
  appeal: { id: number; trackingCode: string; isNew: boolean } | null;
}

export interface PublicForm {
  title: string;
  isOpen: boolean;
  definition: FormDefinition;
}

/** One problem of a refused XLSForm, by sheet and row. */
export interface XlsFormProblem {
  sheet: string;
  row?: number;
  column?: string;
  message: string;
  messageEn: string;
}

export type ResultsFilter = { regionCode?: string; pointId?: number };

/** The outcome of an XLSForm upload: the new form, or every problem found (nothing stored). */
export type ImportOutcome = { ok: true; id: number; title: string } | { ok: false; problems: XlsFormProblem[]; error: ApiError };

/** Uploads an XLSForm (.xlsx) in the multipart field `file`. */
export async function importXlsForm(file: File): Promise<ImportOutcome> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/questionnaires/import', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' }, body });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', 'Network error; check the connection and retry');
  }
  const payload = (await response.json().catch(() => undefined)) as
    | { id: number; title: string }
    | { error?: { code?: string; message?: string; messageEn?: string; details?: ApiError['details']; problems?: XlsFormProblem[] } }
    | undefined;
  if (response.ok && payload && 'id' in payload) return { ok: true, id: payload.id, title: payload.title };
  const error = payload && 'error' in payload ? payload.error : undefined;
  const apiError = new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? `请求失败（${response.status}）`, error?.messageEn ?? `Request failed (${response.status})`, error?.details ?? []);
  if (error?.problems) return { ok: false, problems: error.problems, error: apiError };
  throw apiError;
}

export const questionnairesApi = {
  list: () => request<QuestionnaireSummary[]>('GET', '/api/questionnaires'),
  get: (id: number) => request<QuestionnaireDetail>('GET', `/api/questionnaires/${id}`),
  create: (definition: FormDefinition) => request<{ id: number; formId: string; title: string }>('POST', '/api/questionnaires', { body: { definition } }),
  setOpen: (id: number, isOpen: boolean) => request<QuestionnaireDetail>('PATCH', `/api/questionnaires/${id}`, { body: { isOpen } }),
  publicLink: (id: number) => request<{ token: string; path: string }>('POST', `/api/questionnaires/${id}/public-link`),
  answer: (id: number, body: ResponseInput) => request<AcceptedResponse>('POST', `/api/questionnaires/${id}/responses`, { body }),
  results: (id: number, filter: ResultsFilter) => request<QuestionnaireResults>('GET', `/api/questionnaires/${id}/results`, { query: filter }),
  exportUrl: (id: number, filter: ResultsFilter) => {
    const params = new URLSearchParams();
    if (filter.regionCode) params.set('regionCode', filter.regionCode);
    if (filter.pointId) params.set('pointId', String(filter.pointId));
    const query = params.toString();
    return `/api/questionnaires/${id}/export.xlsx${query ? `?${query}` : ''}`;
  },
  publicForm: (token: string) => request<PublicForm>('GET', `/api/public/forms/${encodeURIComponent(token)}`),
  answerPublic: (token: string, body: { clientId: string; answers: Record<string, AnswerInput> }) =>
    request<{ clientId: string; isNew: boolean }>('POST', `/api/public/forms/${encodeURIComponent(token)}/responses`, { body }),
};
