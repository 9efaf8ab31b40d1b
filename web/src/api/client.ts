// The HTTP API, as the app calls it: every path under config.apiBase, with the session's headers.
// A 4xx keeps the API's own error code, message and per-field issues, so pages show them as they are.
import type { Session } from '../auth/session.ts';

interface FieldIssue {
  field: string;
  message: string;
}

class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>, options?: ErrorOptions) {
    super(typeof body.message === 'string' ? body.message : `The request failed (HTTP ${status})`, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof body.error === 'string' ? body.error : 'Error';
    this.issues = Array.isArray(body.issues) ? (body.issues as FieldIssue[]) : [];
    this.body = body;
  }
}

interface ApiResult<T> {
  status: number;
  body: T;
}

type Query = Record<string, string | undefined>;

interface Api {
  get<T>(path: string, query?: Query): Promise<ApiResult<T>>;
  post<T>(path: string, body: unknown): Promise<ApiResult<T>>;
  put<T>(path: string, body: unknown): Promise<ApiResult<T>>;
}

const withQuery = (path: string, query: Query = {}): string => {
  const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  return search.size > 0 ? `${path}?${search}` : path;
};

const createApi = (apiBase: string, session: Session): Api => {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> => {
    const response = await fetch(`${apiBase}${path}`, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...session.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (!response.ok && response.status !== 207) throw new ApiError(response.status, parsed);
    return { status: response.status, body: parsed as T };
  };
  return {
    get: (path, query) => call('GET', withQuery(path, query)),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
  };
};

export { ApiError, createApi, withQuery };
export type { Api, ApiResult, FieldIssue, Query };
