/** Test support: rows of a Zeek TSV log as objects keyed by the `#fields` names (values as printed). */
import { readFileSync } from 'node:fs';

export function readZeekLog(path: string): Record<string, string>[] {
  let fields: string[] = [];
  const rows: Record<string, string>[] = [];
  for (const line of readFileSync(path, 'latin1').split('\n')) {
    if (line.startsWith('#fields\t')) fields = line.split('\t').slice(1);
    if (line === '' || line.startsWith('#')) continue;
    const vals = line.split('\t');
    const row: Record<string, string> = {};
    fields.forEach((f, i) => (row[f] = vals[i] ?? ''));
    rows.push(row);
  }
  return rows;
}

/** Zeek's TSV rendering of the value kinds proto/ records use. */
export function zeekValue(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (Array.isArray(v)) return v.length === 0 ? '(empty)' : v.map(zeekValue).join(',');
  return String(v);
}

export function interval(v: number | null): string {
  return v === null ? '-' : v.toFixed(6);
}
