import type { LogField, LogRecord, LogScalar, LogStream, LogValue } from '../types.js';
import { doubleText, escapeText, headerTime, scalarText } from './text.js';
import type { LogFormat } from './format.js';

export const UNSET = '-';
export const EMPTY = '(empty)';

type ScalarFn = (v: LogScalar, inSet: boolean) => string;

const other = (v: LogScalar, inSet: boolean): string => escapeText(scalarText(v), inSet);

const timeText: ScalarFn = (v, inSet) => (typeof v === 'number' ? v.toFixed(6) : other(v, inSet));
const doubleCell: ScalarFn = (v, inSet) => (typeof v === 'number' ? doubleText(v) : other(v, inSet));
const boolText: ScalarFn = (v, inSet) => (v === true ? 'T' : v === false ? 'F' : other(v, inSet));
const countText: ScalarFn = (v, inSet) => (typeof v === 'number' ? String(v) : other(v, inSet));
const stringText: ScalarFn = (v, inSet) => {
  const s = scalarText(v);
  if (s.length === 0) return EMPTY;
  // A value that reads like the unset marker gets its first character escaped, as Zeek does.
  if (s === UNSET) return '\\x2d';
  return escapeText(s, inSet);
};

/** The renderer of one Zeek type, chosen once per field rather than per value. */
function scalarFn(type: string): ScalarFn {
  switch (type) {
    case 'time':
    case 'interval':
      return timeText;
    case 'double':
      return doubleCell;
    case 'bool':
      return boolText;
    case 'count':
    case 'int':
    case 'port':
      return countText;
    default:
      return stringText;
  }
}

/** One value in Zeek's TSV rendering. */
export function tsvValue(f: LogField, v: LogValue | null | undefined): string {
  return plan(f).value(v);
}

/** A field's rendering, worked out once per field (type parsing stays off the per-row path). */
interface FieldPlan {
  name: string;
  value(v: LogValue | null | undefined): string;
}

const PLANS = new WeakMap<LogField, FieldPlan>();

function plan(f: LogField): FieldPlan {
  let p = PLANS.get(f);
  if (p !== undefined) return p;
  const t = f.type;
  if (t.endsWith(']')) {
    const elem = scalarFn(t.slice(t.indexOf('[') + 1, -1));
    p = {
      name: f.name,
      value(v) {
        if (v === null || v === undefined) return UNSET;
        const items: readonly LogScalar[] = Array.isArray(v) ? v : [v as LogScalar];
        if (items.length === 0) return EMPTY;
        let out = '';
        for (let i = 0; i < items.length; i++) out += (i ? ',' : '') + elem(items[i]!, true);
        return out;
      },
    };
  } else {
    const one = scalarFn(t);
    p = {
      name: f.name,
      value: (v) => (v === null || v === undefined ? UNSET : one(v as LogScalar, false)),
    };
  }
  PLANS.set(f, p);
  return p;
}

const ROW_PLANS = new WeakMap<LogStream, FieldPlan[]>();

export function tsvRow(stream: LogStream, rec: LogRecord): string {
  let ps = ROW_PLANS.get(stream);
  if (ps === undefined) {
    ps = stream.fields.map(plan);
    ROW_PLANS.set(stream, ps);
  }
  if (ps.length === 0) return '\n';
  // Joined, not concatenated: a row waits in its file's buffer, and a flat string is one object there, where
  // a chain of concatenations is one per cell and separator for the GC to copy and promote.
  const cells = CELLS;
  const last = ps.length - 1;
  cells.length = ps.length;
  for (let i = 0; i < last; i++) cells[i] = ps[i]!.value(rec[ps[i]!.name]);
  cells[last] = ps[last]!.value(rec[ps[last]!.name]) + '\n';
  const row = cells.join('\t');
  cells.length = 0;
  return row;
}

/** Scratch for the cells of the row being rendered. */
const CELLS: string[] = [];

export function tsvHeader(stream: LogStream, open: Date): string {
  return (
    '#separator \\x09\n' +
    '#set_separator\t,\n' +
    `#empty_field\t${EMPTY}\n` +
    `#unset_field\t${UNSET}\n` +
    `#path\t${stream.path}\n` +
    `#open\t${headerTime(open)}\n` +
    `#fields\t${stream.fields.map((f) => f.name).join('\t')}\n` +
    `#types\t${stream.fields.map((f) => f.type).join('\t')}\n`
  );
}

export function tsvFooter(close: Date): string {
  return `#close\t${headerTime(close)}\n`;
}

/** Zeek's ASCII writer format: `#` headers, tab-separated columns, `#close` trailer. */
export const TSV_FORMAT: LogFormat = { header: tsvHeader, row: tsvRow, footer: tsvFooter };
