import type { LogField, LogRecord, LogScalar, LogStream, LogValue } from '../types.js';
import type { LogFormat } from './format.js';
import { scalarText } from './text.js';

function scalar(type: string, v: LogScalar): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'null';
    // Times and intervals keep Zeek's microsecond resolution; the shortest form of that value is printed.
    return type === 'time' || type === 'interval' || type === 'double'
      ? String(Number(v.toFixed(6)))
      : String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(scalarText(v));
}

export function jsonValue(f: LogField, v: LogValue): string {
  const t = f.type;
  if (t.endsWith(']')) {
    const elemType = t.slice(t.indexOf('[') + 1, -1);
    const items: readonly LogScalar[] = Array.isArray(v) ? v : [v as LogScalar];
    return `[${items.map((x) => scalar(elemType, x)).join(',')}]`;
  }
  return scalar(t, v as LogScalar);
}

/** Zeek's JSON log line: flat dotted keys in column order, unset fields left out, times as numbers. */
export function jsonRow(stream: LogStream, rec: LogRecord): string {
  // Joined into one flat string (as TSV rows): a row waits in its file's buffer as one object.
  const cells = CELLS;
  for (const f of stream.fields) {
    const v = rec[f.name];
    if (v === null || v === undefined) continue;
    cells.push(`${keyOf(f.name)}:${jsonValue(f, v)}`);
  }
  const row = `{${cells.join(',')}}\n`;
  cells.length = 0;
  return row;
}

/** Scratch for the members of the row being rendered. */
const CELLS: string[] = [];
const KEYS = new Map<string, string>();

/** A field name as a JSON string, quoted once per name. */
function keyOf(name: string): string {
  let k = KEYS.get(name);
  if (k === undefined) {
    k = JSON.stringify(name);
    KEYS.set(name, k);
  }
  return k;
}

/** JSON lines, as Zeek writes with `LogAscii::use_json=T`: no header or trailer. */
export const JSON_FORMAT: LogFormat = { header: () => '', row: jsonRow, footer: () => '' };
