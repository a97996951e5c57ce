/**
 * Any value from a record, as text. Strings from packets (URIs, hosts, user agents) go through React's
 * text escaping only; nothing here ever builds HTML.
 */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  return JSON.stringify(v);
}

export function Value({ v }: { v: unknown }) {
  const s = formatValue(v);
  return s === '' ? <span className="muted">—</span> : <>{s}</>;
}
