import type { AlertRow } from '../store.js';

/** The columns every alert query selects, in the shape `alertRow` reads. */
export const ALERT_SELECT =
  'id, ts, node, src_addr, src_port, dst_addr, dst_port, classtype, src_pod, src_ns, dst_pod, dst_ns, doc';

export interface AlertDbRow {
  id: string | number | bigint;
  ts: number;
  node: string;
  src_addr: string | null;
  src_port: number | null;
  dst_addr: string | null;
  dst_port: number | null;
  classtype: string | null;
  src_pod: string | null;
  src_ns: string | null;
  dst_pod: string | null;
  dst_ns: string | null;
  doc: Record<string, unknown>;
}

const OPTIONAL = ['classtype', 'src_pod', 'src_ns', 'dst_pod', 'dst_ns'] as const;

/** The alert as ingested plus the server columns of docs/api.md; identity fields only when known. */
export function alertRow(r: AlertDbRow): AlertRow {
  const out: AlertRow = {
    ...r.doc,
    id: Number(r.id),
    ts: r.ts,
    node: r.node,
    src_addr: r.src_addr,
    src_port: r.src_port,
    dst_addr: r.dst_addr,
    dst_port: r.dst_port,
  };
  for (const k of OPTIONAL) if (r[k] !== null) out[k] = r[k];
  return out;
}
