import { StoreError } from './store.js';

/** Node socket errors that mean the server is not there (or went away). */
const NET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a database that is going away or cannot take the connection: class 08 (connection
 * exception), 57P01..57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections).
 */
function unavailableState(code: string): boolean {
  return (
    code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300'
  );
}

/** Messages pg and PGlite use for a connection that is gone; they carry no code. */
const GONE =
  /Connection terminated|connection is closed|Client has encountered a connection error|PGlite is closed|timeout exceeded when trying to connect/i;

export function isUnavailable(e: unknown): boolean {
  if (e instanceof StoreError) return e.code === 'E_STORE_UNAVAILABLE';
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (NET_CODES.has(code) || unavailableState(code))) return true;
  if (e instanceof AggregateError) return e.errors.some(isUnavailable);
  return GONE.test(e.message);
}

/**
 * SQLSTATE class 22 (data exception: a value the column cannot hold, a text the encoding cannot carry): the
 * input is at fault, so the client hears 400 (an agent then sets the batch aside instead of retrying it).
 */
function dataException(e: unknown): boolean {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('22');
}

/**
 * Any driver error → StoreError: unreachable database → E_STORE_UNAVAILABLE, a data exception →
 * E_STORE_INPUT, the rest E_STORE_QUERY.
 */
export function toStoreError(e: unknown, what: string): StoreError {
  if (e instanceof StoreError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (isUnavailable(e))
    return new StoreError('E_STORE_UNAVAILABLE', `${what}: database unavailable: ${msg}`, { cause: e });
  if (dataException(e))
    return new StoreError('E_STORE_INPUT', `${what}: the data cannot be stored: ${msg}`, { cause: e });
  return new StoreError('E_STORE_QUERY', `${what}: ${msg}`, { cause: e });
}

/** Run `fn`, turning whatever it throws into a StoreError named after `what`. */
export async function guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toStoreError(e, what);
  }
}
