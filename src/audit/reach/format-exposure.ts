/** netpol-analyzer's `list --exposure` text, byte for byte. */
import { ALL_CONNS, formatConn } from './conn.js';
import type { Connection } from './connlist.js';
import { ENTIRE_CLUSTER, type WorkloadExposure } from './exposure.js';
import { formatConnlistTxt } from './format-txt.js';

interface Row {
  readonly workload: string;
  readonly peer: string;
  readonly conn: string;
}

function rowsOf(exposure: readonly WorkloadExposure[], conns: readonly Connection[], ingress: boolean) {
  const rows: Row[] = [];
  const unprotected: string[] = [];
  const dir = ingress ? 'ingress' : 'egress';
  for (const e of exposure) {
    const w = e.workload.id;
    if (!e.protected[dir]) {
      rows.push({ workload: w, peer: ENTIRE_CLUSTER, conn: formatConn(ALL_CONNS) });
      unprotected.push(`${w} is not protected on ${ingress ? 'Ingress' : 'Egress'}`);
    } else for (const l of e.lines[dir]) rows.push({ workload: w, peer: l.peer, conn: formatConn(l.conn) });
    // Connections with address blocks from the connection list are repeated here.
    for (const c of conns) {
      const [self, other] = ingress ? [c.dst, c.src] : [c.src, c.dst];
      if (self.name === w && other.ep.kind === 'ip')
        rows.push({ workload: w, peer: other.name, conn: formatConn(c.conn) });
    }
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => cmp(a.workload, b.workload) || cmp(a.peer, b.peer));
  return { rows, unprotected };
}

export function formatExposureTxt(
  conns: readonly Connection[],
  exposure: readonly WorkloadExposure[],
): string {
  let out = formatConnlistTxt(conns);
  if (out !== '') out += '\n';
  const width = Math.max(0, ...exposure.map((e) => e.workload.id.length));
  const eg = rowsOf(exposure, conns, false);
  const ing = rowsOf(exposure, conns, true);
  const line = (r: Row, arrow: string) => `${r.workload.padEnd(width)} \t${arrow} \t${r.peer} : ${r.conn}`;
  out += 'Exposure Analysis Result:\n';
  if (eg.rows.length > 0) out += 'Egress Exposure:\n' + eg.rows.map((r) => line(r, '=>')).join('\n') + '\n';
  if (ing.rows.length > 0)
    out +=
      (eg.rows.length > 0 ? '\n' : '') +
      'Ingress Exposure:\n' +
      ing.rows.map((r) => line(r, '<=')).join('\n') +
      '\n';
  const unprotected = [...ing.unprotected, ...eg.unprotected].sort();
  if (unprotected.length > 0)
    out += '\nWorkloads not protected by network policies:\n' + unprotected.join('\n') + '\n';
  return out;
}
