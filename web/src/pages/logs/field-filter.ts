/** Query parameters the logs route gives its own meaning to; they cannot be field filters. */
const RESERVED = new Set(['from', 'to', 'node', 'sort', 'limit', 'offset', 'format']);
const FIELD = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export type FilterParse = { ok: true; params: Record<string, string> } | { ok: false; error: string };

/** Split on spaces, keeping "double quoted" runs together (`user_agent=~"Mozilla/5.0 (X11"`). */
function tokens(s: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  for (const c of s) {
    if (c === '"') {
      quoted = !quoted;
      any = true;
    } else if (/\s/.test(c) && !quoted) {
      if (any) out.push(cur);
      cur = '';
      any = false;
    } else {
      cur += c;
      any = true;
    }
  }
  if (quoted) return null;
  if (any) out.push(cur);
  return out;
}

/**
 * `id.orig_h=10.0.0.1 uri=~passwd` → `{ 'id.orig_h': '10.0.0.1', uri: '~passwd' }`: Zeek field names,
 * `=` for an exact match and `=~` for a substring, exactly as the API takes them (docs/api.md).
 */
export function parseFieldFilter(text: string): FilterParse {
  const toks = tokens(text);
  if (toks === null) return { ok: false, error: 'Unclosed double quote.' };
  const params: Record<string, string> = {};
  for (const t of toks) {
    const eq = t.indexOf('=');
    if (eq <= 0) return { ok: false, error: `“${t}” is not field=value or field=~text.` };
    const field = t.slice(0, eq);
    const value = t.slice(eq + 1);
    if (!FIELD.test(field)) return { ok: false, error: `“${field}” is not a Zeek field name.` };
    if (RESERVED.has(field))
      return { ok: false, error: `“${field}” is set with its own control, not as a field filter.` };
    if (field in params) return { ok: false, error: `${field} is given twice.` };
    if (value === '' || value === '~') return { ok: false, error: `${field} has no value.` };
    params[field] = value;
  }
  return { ok: true, params };
}
