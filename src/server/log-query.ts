import { LOG_STREAMS } from '../logs/streams/registry.js';
import type { LogField } from '../logs/types.js';
import type { LogCondition, LogKind } from '../store/store.js';
import { HttpError, pointerSegment, type ErrorDetail } from './http-error.js';

/** Query parameters of `/api/v1/logs/{kind}` that are not field filters. */
export const LOG_QUERY_KEYS = new Set(['from', 'to', 'node', 'sort', 'limit', 'offset', 'format']);

const TEXT_TYPES = new Set(['string', 'addr', 'subnet', 'enum']);
const NUMBER_TYPES = new Set(['time', 'interval', 'count', 'int', 'double', 'port']);

export function logColumns(kind: LogKind): readonly LogField[] {
  return LOG_STREAMS[kind].fields;
}

function condition(f: LogField, raw: string, kind: LogKind): LogCondition | string {
  const elem = f.type.replace(/^(?:set|vector)\[(\w+)\]$/, '$1');
  if (raw.startsWith('~')) {
    if (!TEXT_TYPES.has(elem)) return `~ (substring) needs a text field; ${f.name} is ${f.type}`;
    return { field: f.name, op: 'contains', value: raw.slice(1) };
  }
  if (f.type === elem && NUMBER_TYPES.has(elem) && !Number.isFinite(Number(raw)))
    return `must be a number (${f.name} is ${f.type} in ${kind}.log)`;
  if (elem === 'bool') {
    const b = /^(?:T|true|1)$/i.test(raw) ? 'true' : /^(?:F|false|0)$/i.test(raw) ? 'false' : null;
    if (b === null) return 'must be T or F';
    return { field: f.name, op: 'eq', value: b };
  }
  return { field: f.name, op: 'eq', value: raw };
}

/**
 * Zeek field filters from a query (`id.orig_h=10.0.0.1`, `host=~example`) and the sort field, checked
 * against the log's columns; every unknown field or bad value is named in one 400.
 */
export function logFilters(
  kind: LogKind,
  query: Record<string, unknown>,
): { where: LogCondition[]; sort?: string } {
  const cols = new Map(logColumns(kind).map((f) => [f.name, f]));
  const where: LogCondition[] = [];
  const bad: ErrorDetail[] = [];
  for (const [key, v] of Object.entries(query)) {
    if (LOG_QUERY_KEYS.has(key)) continue;
    const path = `/${pointerSegment(key)}`;
    const f = cols.get(key);
    if (f === undefined) {
      bad.push({ path, message: `is not a field of ${kind}.log`, in: 'query' });
      continue;
    }
    for (const raw of Array.isArray(v) ? v : [v]) {
      const c = condition(f, String(raw), kind);
      if (typeof c === 'string') bad.push({ path, message: c, in: 'query' });
      else where.push(c);
    }
  }
  const sort = query['sort'];
  if (typeof sort === 'string' && !cols.has(sort.replace(/^-/, '')))
    bad.push({ path: '/sort', message: `is not a field of ${kind}.log`, in: 'query' });
  if (bad.length > 0) throw new HttpError('bad_request', 'invalid log query', bad);
  return typeof sort === 'string' ? { where, sort } : { where };
}

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first): log values come from the
 * traffic, so a URI or user agent like `=HYPERLINK(…)` is written with a leading `'` (OWASP's CSV injection
 * advice); the JSON format keeps values as they are.
 */
const FORMULA = /^[=+\-@\t\r]/;

/** One CSV cell of a log record: sets/vectors comma-joined, booleans T/F as Zeek writes them, unset empty. */
export function logCell(v: unknown): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (typeof v === 'number') return v;
  const s = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return FORMULA.test(s) ? `'${s}` : s;
}
