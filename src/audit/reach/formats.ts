/** Output formats of `vigil reach` (typed registry: a format is a file and a line here). */
import { formatConn } from './conn.js';
import type { Connection } from './connlist.js';
import type { WorkloadExposure } from './exposure.js';
import { formatExposureTxt } from './format-exposure.js';
import { formatConnlistTxt } from './format-txt.js';

export interface ReachOutput {
  readonly connections: readonly Connection[];
  /** Present when exposure analysis was asked for. */
  readonly exposure: readonly WorkloadExposure[] | null;
}

const rows = (cs: readonly Connection[]) =>
  cs.map((c) => ({ src: c.src.name, dst: c.dst.name, conn: formatConn(c.conn) }));
const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const dotId = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function json(o: ReachOutput): string {
  if (o.exposure === null) return JSON.stringify(rows(o.connections), null, 2) + '\n';
  const exp = (dir: 'ingress' | 'egress') =>
    o.exposure!.flatMap((e) =>
      e.protected[dir]
        ? e.lines[dir].map((l) => ({ workload: e.workload.id, peer: l.peer, conn: formatConn(l.conn) }))
        : [{ workload: e.workload.id, peer: 'entire-cluster', conn: 'All Connections' }],
    );
  const body = {
    connlist_results: rows(o.connections),
    exposure_results: { egress_exposure: exp('egress'), ingress_exposure: exp('ingress') },
  };
  return JSON.stringify(body, null, 2) + '\n';
}

function csv(o: ReachOutput): string {
  return (
    ['src,dst,conn', ...rows(o.connections).map((r) => [r.src, r.dst, r.conn].map(csvCell).join(','))].join(
      '\n',
    ) + '\n'
  );
}

function dot(o: ReachOutput): string {
  const nodes = new Set<string>();
  for (const c of o.connections) nodes.add(c.src.name).add(c.dst.name);
  const lines = ['digraph {'];
  for (const n of [...nodes].sort())
    lines.push(`\t${dotId(n)} [label=${dotId(n)} shape=${n.endsWith('[External]') ? 'box' : 'ellipse'}]`);
  for (const r of rows(o.connections))
    lines.push(`\t${dotId(r.src)} -> ${dotId(r.dst)} [label=${dotId(r.conn)}]`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function txt(o: ReachOutput): string {
  return o.exposure === null
    ? formatConnlistTxt(o.connections)
    : formatExposureTxt(o.connections, o.exposure);
}

export const ReachFormats = { txt, json, csv, dot } satisfies Record<string, (o: ReachOutput) => string>;
export type ReachFormatName = keyof typeof ReachFormats;

export function isReachFormat(name: string): name is ReachFormatName {
  return Object.hasOwn(ReachFormats, name);
}
