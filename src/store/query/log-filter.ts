import type { LogField } from '../../logs/types.js';
import { LOG_COLUMNS, logFields, type ExtractedColumn } from '../log-columns.js';
import type { Params } from '../params.js';
import { ident } from '../sql.js';
import type { LogCondition, LogKind } from '../store.js';
import { badInput } from '../validate.js';

const TEXT = new Set(['string', 'addr', 'subnet', 'enum']);
const INTEGER = new Set(['count', 'int', 'port']);

const elemType = (f: LogField): string => f.type.replace(/^(?:set|vector)\[(\w+)\]$/, '$1');
const isList = (f: LogField): boolean => f.type !== elemType(f);

/** The field of a log a query names, or E_STORE_INPUT: identifiers never reach SQL unchecked. */
export function logField(kind: LogKind, name: string): LogField {
  const f = logFields(kind).get(name);
  if (f === undefined) throw badInput(`/${name}`, `is not a field of ${kind}.log`);
  return f;
}

export function extracted(kind: LogKind, field: string): ExtractedColumn | undefined {
  return LOG_COLUMNS[kind].find((c) => c.field === field);
}

/** A condition's value as the field's type wants it (number, boolean or text), or E_STORE_INPUT. */
function typedValue(f: LogField, c: LogCondition): { v: string | number | boolean; cast: string } {
  const t = elemType(f);
  if (TEXT.has(t)) return { v: c.value, cast: '::text' };
  if (c.op === 'contains')
    throw badInput(`/${f.name}`, `~ (substring) needs a text field; ${f.name} is ${f.type}`);
  if (t === 'bool') {
    const b = /^(?:T|true|1)$/i.test(c.value) ? true : /^(?:F|false|0)$/i.test(c.value) ? false : null;
    if (b === null) throw badInput(`/${f.name}`, 'must be T or F');
    return { v: b, cast: '::boolean' };
  }
  const n = Number(c.value);
  if (c.value.trim() === '' || !Number.isFinite(n))
    throw badInput(`/${f.name}`, `must be a number (${f.type})`);
  return { v: n, cast: INTEGER.has(t) && Number.isSafeInteger(n) ? '::int8' : '::float8' };
}

/** A condition on an extracted column: plain comparisons an index on the column can serve. */
function onColumn(
  col: ExtractedColumn,
  c: LogCondition,
  v: string | number | boolean,
  cast: string,
  p: Params,
): string {
  const name = ident(col.column);
  if (col.type === 'text[]')
    return c.op === 'eq'
      ? `${name} @> ARRAY[${p.add(v, '::text')}]`
      : `EXISTS (SELECT 1 FROM unnest(${name}) e WHERE strpos(e, ${p.add(v, '::text')}) > 0)`;
  if (c.op === 'contains') return `strpos(${name}, ${p.add(v, '::text')}) > 0`;
  if (col.type === 'int4' || col.type === 'int8') {
    // Keep the column's own type on the left so its index applies; a value it cannot hold matches nothing.
    const max = col.type === 'int4' ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
    if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > max) return 'false';
    return `${name} = ${p.add(v, `::${col.type}`)}`;
  }
  return `${name} = ${p.add(v, cast)}`;
}

/** A condition on any other field, read from the record's jsonb; sets/vectors match by element. */
function onRecord(
  f: LogField,
  c: LogCondition,
  v: string | number | boolean,
  cast: string,
  p: Params,
): string {
  const key = p.add(f.name, '::text');
  const jsonCast = cast === '::int8' ? '::numeric' : cast === '::float8' ? '::numeric' : cast;
  if (isList(f)) {
    if (c.op === 'eq') return `rec->${key} @> jsonb_build_array(${p.add(v, jsonCast)})`;
    return `EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(rec->${key}) = 'array'
      THEN rec->${key} ELSE '[]'::jsonb END) e WHERE strpos(e, ${p.add(v, '::text')}) > 0)`;
  }
  if (cast === '::text')
    return c.op === 'eq'
      ? `rec->>${key} = ${p.add(v, '::text')}`
      : `strpos(rec->>${key}, ${p.add(v, '::text')}) > 0`;
  // jsonb compares numbers as numbers (1.50 = 1.5) and booleans as booleans.
  return `rec->${key} = to_jsonb(${p.add(v, jsonCast)})`;
}

export function logCondition(kind: LogKind, c: LogCondition, p: Params): string {
  const f = logField(kind, c.field);
  const { v, cast } = typedValue(f, c);
  if (f.name === 'ts') return `ts = ${p.add(v, '::float8')}`;
  const col = extracted(kind, f.name);
  return col !== undefined ? onColumn(col, c, v, cast, p) : onRecord(f, c, v, cast, p);
}

/** ORDER BY for a Zeek field (`-` prefix descending), ties broken by insertion order. */
export function logOrder(kind: LogKind, sort: string | undefined, p: Params): string {
  const s = sort ?? '-ts';
  const desc = s.startsWith('-');
  const f = logField(kind, desc ? s.slice(1) : s);
  const dir = desc ? 'DESC' : 'ASC';
  // ts is never null: no NULLS clause, so an index on (…, ts) gives the order and the LIMIT stops early.
  if (f.name === 'ts') return `ts ${dir}, id ${dir}`;
  const col = extracted(kind, f.name);
  const expr =
    col === undefined ? `NULLIF(rec->${p.add(f.name, '::text')}, 'null'::jsonb)` : ident(col.column);
  return `${expr} ${dir} NULLS LAST, id ${dir}`;
}
