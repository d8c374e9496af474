// The one place the web app talks HTTP: JSON in and out, the session cookie, and the API's
// bilingual error shape turned into an ApiError.
import type {
  AccountPage,
  Account,
  AuditEntry,
  Cadre,
  CadreChanges,
  CadreDetail,
  CadreQuery,
  ChildRegion,
  FieldProblem,
  ImportProgress,
  ImportReport,
  IssueCadreLoginsResult,
  ListPage,
  Point,
  PointChanges,
  PointDetail,
  PointQuery,
  Profile,
  RegionDetail,
  RegionSearchResult,
  RegionSummary,
  Role,
  RosterKind,
  Unit,
  UnitChanges,
  UnitDetail,
  UnitQuery,
} from './types.ts';

/** An error answered by the API (or a network failure, code NETWORK), in Chinese and English. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details: FieldProblem[];

  constructor(status: number, code: string, messageZh: string, messageEn: string, details: FieldProblem[] = []) {
    super(messageEn);
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.details = details;
  }
}

/** Called when any request answers 401, so the app can return to the login page. */
let onUnauthenticated: (() => void) | undefined;

/** Registers what to do when the session has ended. */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** One JSON request to the API; errors become ApiError. */
export async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown; isAuthCall?: boolean } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: options.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', 'Network error; check the connection and retry');
  }
  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; messageEn?: string; details?: FieldProblem[] } } | undefined)?.error;
    if (response.status === 401 && !options.isAuthCall) onUnauthenticated?.();
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `请求失败（${response.status}）`,
      error?.messageEn ?? `Request failed (${response.status})`,
      error?.details ?? [],
    );
  }
  return payload as T;
}

/** Every endpoint the console uses, one function each. */
export const api = {
  login: (username: string, password: string) => request<Profile>('POST', '/api/auth/login', { body: { username, password }, isAuthCall: true }),
  logout: () => request<{ ok: boolean }>('POST', '/api/auth/logout', { isAuthCall: true }),
  me: () => request<Profile>('GET', '/api/auth/me', { isAuthCall: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<unknown>('POST', '/api/auth/password', { body: { currentPassword, newPassword } }),

  region: (code: string) => request<RegionDetail>('GET', `/api/regions/${encodeURIComponent(code)}`),
  regionChildren: (code: string) => request<ChildRegion[]>('GET', `/api/regions/${encodeURIComponent(code)}/children`),
  regionAncestors: (code: string) => request<RegionSummary[]>('GET', `/api/regions/${encodeURIComponent(code)}/ancestors`),
  searchRegions: (q: string, options: { maxLevel?: number; limit?: number } = {}) =>
    request<RegionSearchResult[]>('GET', '/api/regions/search', { query: { q, maxLevel: options.maxLevel, limit: options.limit } }),

  accounts: (query: { regionCode?: string; role?: Role; q?: string; page: number; pageSize: number }) =>
    request<AccountPage>('GET', '/api/accounts', { query }),
  createAccount: (body: { username: string; displayName: string; role: Role; regionCode: string; unitId?: number | null; cadreId?: number | null; password: string }) =>
    request<Account>('POST', '/api/accounts', { body }),
  updateAccount: (id: number, body: { version: number; displayName?: string; isActive?: boolean; newPassword?: string }) =>
    request<Account>('PATCH', `/api/accounts/${id}`, { body }),
  issueCadreLogins: (body: { regionCode: string; unitId?: number; limit?: number }) =>
    request<IssueCadreLoginsResult>('POST', '/api/accounts/cadre-logins', { body }),

  audit: (query: { entityType?: string; action?: string; beforeId?: number; limit?: number }) =>
    request<AuditEntry[]>('GET', '/api/audit', { query }),

  units: (query: UnitQuery) => request<ListPage<Unit>>('GET', '/api/units', { query: { ...query } }),
  unit: (id: number) => request<UnitDetail>('GET', `/api/units/${id}`),
  updateUnit: (id: number, body: UnitChanges) => request<UnitDetail>('PATCH', `/api/units/${id}`, { body }),
  cadres: (query: CadreQuery) => request<ListPage<Cadre>>('GET', '/api/cadres', { query: { ...query } }),
  cadre: (id: number) => request<CadreDetail>('GET', `/api/cadres/${id}`),
  updateCadre: (id: number, body: CadreChanges) => request<CadreDetail>('PATCH', `/api/cadres/${id}`, { body }),
  revealCadrePhone: (id: number, reason: string) => request<{ phone: string | null }>('POST', `/api/cadres/${id}/reveal-phone`, { body: { reason } }),
  points: (query: PointQuery) => request<ListPage<Point>>('GET', '/api/points', { query: { ...query } }),
  point: (id: number) => request<PointDetail>('GET', `/api/points/${id}`),
  updatePoint: (id: number, body: PointChanges) => request<PointDetail>('PATCH', `/api/points/${id}`, { body }),
  importProgress: (progressId: string) => request<ImportProgress>('GET', `/api/imports/progress/${encodeURIComponent(progressId)}`),
};

// ---- Files: roster uploads with progress, and downloads that report API errors ----

function apiErrorOf(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: string; message?: string; messageEn?: string; details?: FieldProblem[] } } | undefined)?.error;
  if (status === 401) onUnauthenticated?.();
  return new ApiError(
    status,
    error?.code ?? `HTTP_${status}`,
    error?.message ?? `请求失败（${status}）`,
    error?.messageEn ?? `Request failed (${status})`,
    error?.details ?? [],
  );
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The answer to a roster upload: a dry run (200), a commit (200), or a commit refused for bad rows (422). */
export interface ImportOutcome {
  status: number;
  report: ImportReport;
}

/** A running upload: its outcome and a way to abandon it. */
export interface RunningUpload {
  outcome: Promise<ImportOutcome>;
  abort(): void;
}

/**
 * Uploads a roster file (multipart field `file`) for a dry run or a commit. XHR rather than fetch
 * so the bytes sent can be shown; the server's own progress is read with api.importProgress.
 */
export function uploadRoster(options: {
  kind: RosterKind;
  file: File;
  dryRun: boolean;
  progressId: string;
  onUploadProgress?: (sent: number, total: number) => void;
}): RunningUpload {
  const xhr = new XMLHttpRequest();
  const outcome = new Promise<ImportOutcome>((resolve, reject) => {
    const query = new URLSearchParams({ dryRun: String(options.dryRun), progressId: options.progressId });
    xhr.open('POST', `/api/imports/${options.kind}?${query.toString()}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onUploadProgress?.(event.loaded, event.total);
    };
    xhr.onload = () => {
      const payload = parseJson(xhr.responseText);
      const isReport = typeof payload === 'object' && payload !== null && 'errors' in payload && 'total' in payload;
      if ((xhr.status === 200 || xhr.status === 422) && isReport) resolve({ status: xhr.status, report: payload as ImportReport });
      else reject(apiErrorOf(xhr.status, payload));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', 'Network error; check the connection and retry'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', '已取消上传', 'Upload cancelled'));
    const body = new FormData();
    body.append('file', options.file, options.file.name);
    xhr.send(body);
  });
  return { outcome, abort: () => xhr.abort() };
}

function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Where a roster template, export or error sheet is served. */
export const fileUrls = {
  template: (kind: RosterKind) => `/api/imports/${kind}/template.xlsx`,
  errorSheet: (errorSheetId: string) => `/api/imports/errors/${encodeURIComponent(errorSheetId)}.xlsx`,
  export: (kind: RosterKind, query: Query = {}) => withQuery(`/api/exports/${kind}.xlsx`, query),
};

/**
 * Downloads a file from the API and hands it to the browser under the server's file name; an
 * error answer becomes an ApiError instead of a saved JSON file.
 */
export async function downloadFromApi(url: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', 'Network error; check the connection and retry');
  }
  if (!response.ok) throw apiErrorOf(response.status, parseJson(await response.text()));
  const blob = await response.blob();
  const fileName = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
  return fileName;
}
