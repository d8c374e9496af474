// A small fetch client for the phone app: JSON in and out, the session cookie, the server's
// bilingual error shape, and whether an answer came from the service worker's offline copy.
export interface ApiProblem {
  code: string;
  message: string;
  messageEn: string;
  details?: { field: string; message: string; messageEn: string }[];
}

/** A failed call: status 0 means the network (or the server) could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ApiProblem;
  constructor(status: number, problem: ApiProblem) {
    super(problem.message);
    this.status = status;
    this.problem = problem;
  }

  /** Worth retrying later: no connection, or the server is down or restarting. */
  get isTransient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

export interface ApiAnswer<T> {
  data: T;
  /** The service worker answered from its cache: the network or the server is down. */
  isOffline: boolean;
}

/** Calls the API; throws ApiError. */
export async function callApi<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: '网络不通', messageEn: 'No connection' });
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const problem = (json as { error?: ApiProblem } | undefined)?.error;
    throw new ApiError(response.status, problem ?? { code: `HTTP_${response.status}`, message: `服务器错误 ${response.status}`, messageEn: `Server error ${response.status}` });
  }
  return { data: json as T, isOffline: response.headers.get('x-dundian-offline') === '1' };
}
