/** Stable error codes: one place (cli/exit.ts, later server/) maps them to exit codes and HTTP statuses. */
export type ErrorCode = 'E_USAGE' | 'E_IO' | 'E_CAPTURE_FORMAT' | 'E_RULES' | 'E_CONFIG' | 'E_INTERNAL';

export class VigilError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'VigilError';
  }
}

/** A capture file that cannot be read further; `offset` is the byte offset of the bad record. */
export class CaptureFormatError extends VigilError {
  readonly offset: number;
  constructor(message: string, offset: number, options?: { cause?: unknown }) {
    super('E_CAPTURE_FORMAT', `${message} at byte offset ${offset}`, options);
    this.offset = offset;
    this.name = 'CaptureFormatError';
  }
}

/** A problem in a text input (rules, config, manifests), located at file:line:col. */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}
