import { VigilError, type ErrorCode } from '../core/errors.js';

/** The one place error codes become exit codes (sysexits-style). */
const ExitCodes: Record<ErrorCode, number> = {
  E_USAGE: 64,
  E_CAPTURE_FORMAT: 65,
  E_RULES: 65,
  E_CONFIG: 78,
  E_IO: 74,
  E_INTERNAL: 70,
};

export function exitCodeOf(err: unknown): number {
  return err instanceof VigilError ? ExitCodes[err.code] : 70;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
