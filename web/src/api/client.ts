import type { ErrorBody } from '../../../contract/common.ts';
import { errorText } from './errorText.ts';

// The one way the web talks to the API: same-origin cookies, JSON both ways, errors as ApiError carrying the
// server's field/reason so forms can show them next to the input. `message` is for people: the error code in the
// UI's language (errorText.ts); the server's own words stay in `serverMessage`.

export class ApiError extends Error {
  readonly serverMessage: string;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly reason?: string,
    readonly details: { field: string; reason: string }[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(errorText(code, message, status, field));
    this.serverMessage = message;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Why personal data is being read; sent percent-encoded in X-Purpose and recorded in the audit log. */
  purpose?: string;
  /** Login and "who am I" handle 401 themselves instead of bouncing to the login page. */
  allowUnauthorized?: boolean;
  /** Cancels the request (TanStack Query passes one so an abandoned page stops its reads). */
  signal?: AbortSignal;
}

let onUnauthorized: () => void = () => {
  if (!location.pathname.startsWith('/login')) location.assign('/login');
};
/** The session layer installs its own handler so a 401 clears the user and routes to /login without a reload. */
export const setUnauthorizedHandler = (handler: () => void) => {
  onUnauthorized = handler;
};

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function purposeHeader(purpose?: string): Record<string, string> {
  return purpose ? { 'X-Purpose': encodeURIComponent(purpose) } : {};
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...purposeHeader(opts.purpose),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
  }
  if (res.ok) return res;
  const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  const retry = Number(res.headers.get('retry-after'));
  const error = new ApiError(
    res.status,
    body?.error ?? `http_${res.status}`,
    body?.message ?? res.statusText,
    body?.field,
    body?.reason,
    body?.details ?? [],
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
  if (res.status === 401 && !opts.allowUnauthorized) onUnauthorized();
  throw error;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** Downloads a file answer (e.g. the audit export) and hands it to the browser under the server's file name; an
 * unmasked export states its purpose. */
export async function download(path: string, query: Query, fallbackName: string, purpose?: string): Promise<void> {
  const res = await send('GET', path, { query, purpose });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const api = {
  get: <T>(path: string, query?: Query, purpose?: string) => request<T>('GET', path, { query, purpose }),
  post: <T>(path: string, body?: unknown, purpose?: string) => request<T>('POST', path, { body, purpose }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
