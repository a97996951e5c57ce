/** Zeek's scalar log types, spelled as in a log's `#types` header. */
export type ZeekScalar =
  'time' | 'interval' | 'string' | 'addr' | 'subnet' | 'port' | 'count' | 'int' | 'double' | 'bool' | 'enum';

export type ZeekType = ZeekScalar | `set[${ZeekScalar}]` | `vector[${ZeekScalar}]`;

/** One column: Zeek's field name (dotted for nested records, e.g. `id.orig_h`) and type. */
export interface LogField {
  readonly name: string;
  readonly type: ZeekType;
}

/**
 * A value as a record carries it: numbers for time/interval (seconds), count, int, port, double; strings for
 * string, addr, subnet, enum (a string may also be raw bytes); arrays for sets and vectors. `null` or a
 * missing key is Zeek's unset field (`-` in TSV, left out in JSON).
 */
export type LogScalar = string | number | boolean | Uint8Array;
export type LogValue = LogScalar | readonly LogScalar[];
export type LogRecord = { readonly [field: string]: LogValue | null | undefined };

/** A log stream: its file name stem (`#path`) and its columns in order. */
export interface LogStream {
  readonly path: string;
  readonly fields: readonly LogField[];
}

const SCALARS = new Set<string>([
  'time',
  'interval',
  'string',
  'addr',
  'subnet',
  'port',
  'count',
  'int',
  'double',
  'bool',
  'enum',
]);

function isZeekType(t: string): t is ZeekType {
  const m = /^(?:set|vector)\[(\w+)\]$/.exec(t);
  return SCALARS.has(m === null ? t : m[1]!);
}

/**
 * Build a column list from a Zeek baseline's `#fields` and `#types` lines (fields separated by whitespace),
 * so names and types are copied, not retyped.
 */
export function zeekColumns(fields: string, types: string): LogField[] {
  const names = fields.trim().split(/\s+/);
  const ts = types.trim().split(/\s+/);
  if (names.length !== ts.length)
    throw new Error(`zeekColumns: ${names.length} fields but ${ts.length} types`);
  return names.map((name, i) => {
    const type = ts[i]!;
    if (!isZeekType(type)) throw new Error(`zeekColumns: unknown type ${type} of ${name}`);
    return { name, type };
  });
}

/** Every stream ends with the flow's Community ID (Zeek's community-id package names it this way). */
export const COMMUNITY_ID: LogField = { name: 'community_id', type: 'string' };

/** The connection columns every flow-based log starts with. */
export type ConnIdFields = {
  ts: number;
  uid: string;
  'id.orig_h': string;
  'id.orig_p': number;
  'id.resp_h': string;
  'id.resp_p': number;
};
