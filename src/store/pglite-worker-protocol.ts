/** Messages between `pgliteWorkerDb` (the server's thread) and the thread that owns PGlite. */

export type ToPglite =
  | { id: number; op: 'query'; text: string; params: readonly unknown[] | undefined }
  /** Begin a transaction; answered once PGlite holds it for this id. */
  | { id: number; op: 'tx' }
  | { id: number; op: 'txq'; tx: number; text: string; params: readonly unknown[] | undefined }
  | { id: number; op: 'txcopy'; tx: number; sql: string; data: string | Uint8Array | Uint8Array[] }
  /** Commit (or roll back) transaction `tx`; answered when PGlite is done with it. */
  | { id: number; op: 'txend'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

/** An error as it crosses threads: its message and every primitive field (code, detail, severity …). */
export interface ErrorData {
  name: string;
  message: string;
  fields: Record<string, string | number | boolean | null>;
}

export type FromPglite =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorData };

export interface PgliteWorkerInit {
  dataDir: string;
}

export function errorData(e: unknown): ErrorData {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} };
  const fields: ErrorData['fields'] = {};
  for (const [k, v] of Object.entries(e))
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
  return { name: e.name, message: e.message, fields };
}

/** The error again on this side, with the same message and fields (so the store maps it as before). */
export function errorFrom(d: ErrorData): Error {
  const e = new Error(d.message);
  e.name = d.name;
  return Object.assign(e, d.fields);
}
