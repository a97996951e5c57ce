import type { ErrorBody } from './types.js';

/** A refused or failed API call, carrying the server's own message (docs/api.md "Errors"). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: { path: string; message: string }[];
  constructor(
    status: number,
    code: string,
    message: string,
    details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type Params = Record<string, string | number | undefined | null>;

/** `?a=1&b=x`, leaving out empty values so a blank filter field means "no filter". */
export function queryString(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.append(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> = {};
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    // Not JSON (a proxy's page, a dropped connection): fall back to the status line.
  }
  const message =
    typeof body.message === 'string' && body.message !== ''
      ? body.message
      : `${res.status} ${res.statusText || 'request failed'}`;
  return new ApiError(
    res.status,
    typeof body.error === 'string' ? body.error : 'http_error',
    message,
    body.details ?? [],
  );
}

/**
 * Every call the dashboard makes to the server goes through here: bearer token on each request, typed
 * results, an ApiError with the server's message otherwise, and a 401 hands control back to the token screen.
 */
export class ApiClient {
  readonly #token: string;
  readonly #onUnauthorized: () => void;
  readonly #base: string;

  constructor(token: string, onUnauthorized: () => void, base = '') {
    this.#token = token;
    this.#onUnauthorized = onUnauthorized;
    this.#base = base;
  }

  async #fetch(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(this.#base + path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${this.#token}` },
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'network', 'The server cannot be reached. Is vigil running?');
    }
    if (res.status === 401) this.#onUnauthorized();
    if (!res.ok) throw await errorFrom(res);
    return res;
  }

  async get<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
    const res = await this.#fetch(path + queryString(params), signal ? { signal } : {});
    return (await res.json()) as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const res = await this.#fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as T;
  }

  /** A file answer (CSV export), read whole so the token never appears in a URL. */
  async blob(path: string, params: Params = {}): Promise<{ blob: Blob; filename: string | null }> {
    const res = await this.#fetch(path + queryString(params));
    const cd = res.headers.get('Content-Disposition') ?? '';
    const m = /filename="?([^";]+)"?/.exec(cd);
    return { blob: await res.blob(), filename: m?.[1] ?? null };
  }

  /** The raw streaming response for server-sent events (EventSource cannot send the header). */
  stream(path: string, signal: AbortSignal): Promise<Response> {
    return this.#fetch(path, { signal, headers: { Accept: 'text/event-stream' } });
  }
}
