import type { Sql } from '../sql.js';

/**
 * Record a batch id inside the batch's transaction. False means it is already stored (or being stored by
 * a concurrent transaction, which this one waits for): the caller stores nothing. If the transaction rolls
 * back, so does the claim, and a retry stores the batch once.
 */
export async function claimBatch(q: Sql, kind: string, batchId: string, rows: number): Promise<boolean> {
  const r = await q.query(
    'INSERT INTO batches (kind, batch_id, rows) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [kind, batchId, rows],
  );
  return r.rowCount === 1;
}

/** PostgreSQL COPY text format: backslash, tab, newline and carriage return escaped; null is `\N`. */
export function copyText(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Split `n` items into chunks of at most `size`. */
export function* chunks<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
