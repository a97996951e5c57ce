/**
 * The body of `POST /api/v1/audit` (docs/api.md): one audit run, its findings as `--format json` gives them,
 * and the workload graph of the same manifests (workloads, whether any NetworkPolicy isolates each direction,
 * and the allowed connections of the connection list). Built here, sent by the CLI: no network in engines.
 */
import { createHash } from 'node:crypto';
import type { K8sObject } from '../k8s/object.js';
import type { Finding } from './finding.js';
import { findingJson } from './output/json.js';
import { analyzeReach } from './reach/analyze.js';
import { formatConn } from './reach/conn.js';

export interface ReachGraph {
  nodes: {
    id: string;
    namespace: string;
    name: string;
    kind: string;
    protected: { ingress: boolean; egress: boolean };
  }[];
  /** `src`/`dst` are node ids, or an address range (`a.b.c.d-e.f.g.h[External]`) or `{ingress-controller}`. */
  edges: { src: string; dst: string; conn: string }[];
}

export interface AuditUpload {
  batch_id: string;
  source: string;
  findings: ReturnType<typeof findingJson>[];
  reach: ReachGraph;
}

export function reachGraph(objects: readonly K8sObject[]): ReachGraph {
  const r = analyzeReach(objects);
  const nodes = r.index.cluster.workloads.map((w) => ({
    id: w.id,
    namespace: w.ns,
    name: w.name,
    kind: w.kind,
    protected: {
      ingress: r.index.selecting(w, 'ingress').length > 0,
      egress: r.index.selecting(w, 'egress').length > 0,
    },
  }));
  const edges = r.connections.map((c) => ({ src: c.src.name, dst: c.dst.name, conn: formatConn(c.conn) }));
  return { nodes, edges };
}

/** `batch_id` is the SHA-256 of the findings and the source: the same audit of the same input is one run. */
export function auditUploadBody(
  findings: readonly Finding[],
  source: string,
  objects: readonly K8sObject[],
): AuditUpload {
  const json = findings.map(findingJson);
  const batch_id = createHash('sha256')
    .update(JSON.stringify(json))
    .update('\n')
    .update(source)
    .digest('hex');
  return { batch_id, source, findings: json, reach: reachGraph(objects) };
}
