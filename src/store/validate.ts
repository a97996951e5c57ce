import { pgText } from './pg-text.js';
import { StoreError } from './store.js';

/** Bad input names its place (a JSON pointer into the batch) and stores nothing. */
export function badInput(path: string, message: string): StoreError {
  return new StoreError('E_STORE_INPUT', `${path}: ${message}`);
}

export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A string column value: strings pass (NULs escaped, see pg-text.ts), absent/null is null, anything else is refused. */
export function textOrNull(v: unknown, path: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw badInput(path, 'must be a string');
  return pgText(v);
}

export function intOrNull(v: unknown, path: string, max = 2 ** 31 - 1): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > max)
    throw badInput(path, 'must be an integer');
  return v;
}

export function numberOrNull(v: unknown, path: string): number | null {
  if (v === undefined || v === null) return null;
  if (!isFiniteNumber(v)) throw badInput(path, 'must be a finite number');
  return v;
}

/** Batch ids are what docs/api.md allows: 1–128 characters of `[A-Za-z0-9._:-]`. */
export function checkBatchId(id: string): void {
  if (typeof id !== 'string' || !/^[A-Za-z0-9._:-]{1,128}$/.test(id))
    throw badInput('/batch_id', 'must be 1-128 characters of [A-Za-z0-9._:-]');
}
