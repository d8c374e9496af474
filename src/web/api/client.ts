// The one place the web app talks HTTP: JSON in and out, the session cookie, and the API's
// bilingual error shape turned into an ApiError.
import type {
  AccountPage,
  Account,
  AuditEntry,
  ChildRegion,
  FieldProblem,
  IssueCadreLoginsResult,
  Profile,
  RegionDetail,
  RegionSearchResult,
  RegionSummary,
  Role,
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
};
