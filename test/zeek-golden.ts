/**
 * Golden-file comparison for Zeek-style logs: parse Zeek TSV (a btest baseline or Vigil's own output),
 * mask columns that legitimately differ (ts, uid …), and compare the rows as multisets, reporting which
 * fields differ on rows that match by key.
 */
export interface ZeekLog {
  path: string;
  fields: string[];
  types: string[];
  rows: Record<string, string>[];
}

/** Parse Zeek's ASCII log format. Comment lines other than #fields/#types/#path are skipped. */
export function parseZeekTsv(text: string): ZeekLog {
  const log: ZeekLog = { path: '', fields: [], types: [], rows: [] };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const [tag, ...rest] = line.split('\t');
      if (tag === '#fields') log.fields = rest;
      else if (tag === '#types') log.types = rest;
      else if (tag === '#path') log.path = rest[0] ?? '';
      continue;
    }
    const cols = line.split('\t');
    const row: Record<string, string> = {};
    log.fields.forEach((f, i) => (row[f] = cols[i] ?? ''));
    log.rows.push(row);
  }
  return log;
}

export interface RowDiff {
  key: string;
  /** field → [expected, actual] */
  fields: Record<string, [string, string]>;
}

export interface GoldenReport {
  matched: number;
  /** Rows matched by key but with differing fields. */
  differing: RowDiff[];
  /** Expected rows with no actual row of the same key. */
  missing: Record<string, string>[];
  /** Actual rows with no expected row of the same key. */
  extra: Record<string, string>[];
}

export interface CompareOptions {
  /** Columns not compared (default: ts, uid). */
  ignore?: readonly string[];
  /** Columns that identify a row (default: the conn id columns present). */
  key?: readonly string[];
}

const ID_KEY = ['id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'];

/**
 * Compare actual rows against expected ones on the expected log's columns (minus `ignore`). Columns only
 * in the actual log (e.g. community_id) are not compared.
 */
export function compareZeekLogs(expected: ZeekLog, actual: ZeekLog, opts: CompareOptions = {}): GoldenReport {
  const ignore = new Set(opts.ignore ?? ['ts', 'uid']);
  const cols = expected.fields.filter((f) => !ignore.has(f));
  const keyCols = opts.key ?? ID_KEY.filter((f) => expected.fields.includes(f));
  const keyOf = (r: Record<string, string>) => keyCols.map((k) => r[k] ?? '').join(' ');
  const pool = new Map<string, Record<string, string>[]>();
  for (const r of actual.rows) {
    const k = keyOf(r);
    const list = pool.get(k);
    if (list === undefined) pool.set(k, [r]);
    else list.push(r);
  }
  const report: GoldenReport = { matched: 0, differing: [], missing: [], extra: [] };
  const diffOf = (e: Record<string, string>, a: Record<string, string>) => {
    const d: Record<string, [string, string]> = {};
    for (const c of cols) if ((e[c] ?? '') !== (a[c] ?? '')) d[c] = [e[c] ?? '', a[c] ?? ''];
    return d;
  };
  for (const e of expected.rows) {
    const k = keyOf(e);
    const cands = pool.get(k);
    if (cands === undefined || cands.length === 0) {
      report.missing.push(e);
      continue;
    }
    let best = 0;
    let bestDiff = diffOf(e, cands[0]!);
    for (let i = 1; i < cands.length && Object.keys(bestDiff).length > 0; i++) {
      const d = diffOf(e, cands[i]!);
      if (Object.keys(d).length < Object.keys(bestDiff).length) {
        best = i;
        bestDiff = d;
      }
    }
    cands.splice(best, 1);
    if (Object.keys(bestDiff).length === 0) report.matched++;
    else report.differing.push({ key: k, fields: bestDiff });
  }
  for (const list of pool.values()) report.extra.push(...list);
  return report;
}

/** A readable summary of a report, for assertion messages. */
export function formatReport(r: GoldenReport): string {
  const lines = [
    `matched ${r.matched}, differing ${r.differing.length}, missing ${r.missing.length}, extra ${r.extra.length}`,
  ];
  for (const d of r.differing) {
    const fs = Object.entries(d.fields).map(([f, [e, a]]) => `${f}: expected ${e} got ${a}`);
    lines.push(`  ${d.key}: ${fs.join('; ')}`);
  }
  for (const m of r.missing) lines.push(`  missing: ${ID_KEY.map((k) => m[k]).join(' ')}`);
  for (const x of r.extra) lines.push(`  extra: ${ID_KEY.map((k) => x[k]).join(' ')}`);
  return lines.join('\n');
}

/**
 * uids differ between Zeek and Vigil, so conn.log's `tunnel_parents` (a set of tunnel uids) is compared by
 * what each uid names: the tunnel.log row (or, for a UDP tunnel, the conn.log row) with that uid, as
 * `orig_h:orig_p>resp_h:resp_p`. Returns a copy of `conn` with parents rewritten that way, sorted.
 */
export function withParentSignatures(conn: ZeekLog, tunnel: ZeekLog | null): ZeekLog {
  const names = new Map<string, string>();
  const sig = (r: Record<string, string>) =>
    `${r['id.orig_h']}:${r['id.orig_p']}>${r['id.resp_h']}:${r['id.resp_p']}`;
  for (const r of conn.rows) if (r['uid']) names.set(r['uid'], sig(r));
  for (const r of tunnel?.rows ?? []) if (r['uid']) names.set(r['uid'], sig(r));
  const rows = conn.rows.map((r) => {
    const p = r['tunnel_parents'];
    if (p === undefined || p === '-' || p === '(empty)') return r;
    const named = p
      .split(',')
      .map((u) => names.get(u) ?? `unknown uid ${u}`)
      .sort();
    return { ...r, tunnel_parents: named.join(',') };
  });
  return { ...conn, rows };
}
