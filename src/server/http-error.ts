/** One field problem, located by JSON pointer (`/samples/3/ts`); `in` says which part of the request. */
export interface ErrorDetail {
  path: string;
  message: string;
  in?: 'body' | 'query' | 'params' | 'headers';
}

/** The error codes of docs/api.md, each with its status. */
export const ErrorStatus = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCodeName = keyof typeof ErrorStatus;

/** An error a route throws on purpose; the error handler turns it into docs/api.md's error body. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly error: ErrorCodeName,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.status = ErrorStatus[error];
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: ErrorCodeName;
  message: string;
  details?: ErrorDetail[];
}

export function errorBody(error: ErrorCodeName, message: string, details: ErrorDetail[] = []): ErrorBody {
  return details.length > 0 ? { error, message, details } : { error, message };
}

/** Escape one JSON pointer segment (RFC 6901). */
export function pointerSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
