/** ISO-8601 with a date, optional time and zone (Date.parse alone accepts too much, e.g. "1"). */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH = /^-?\d+(?:\.\d+)?$/;

/** A query time: epoch seconds (fractions allowed) or ISO-8601 → epoch seconds; null when neither. */
export function parseTime(v: string | number): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = v.trim();
  if (EPOCH.test(s)) return Number(s);
  if (!ISO.test(s)) return null;
  // A date-time without a zone is taken as UTC, as every timestamp in the API is.
  const zoned = /[T ]\d{2}:\d{2}/.test(s) && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms / 1000 : null;
}

/** A validated `from`/`to` pair as numbers (validation already rejected bad text). */
export function timeRange(q: { from?: string | number; to?: string | number }): {
  from?: number;
  to?: number;
} {
  const out: { from?: number; to?: number } = {};
  const f = q.from === undefined ? null : parseTime(q.from);
  const t = q.to === undefined ? null : parseTime(q.to);
  if (f !== null) out.from = f;
  if (t !== null) out.to = t;
  return out;
}
