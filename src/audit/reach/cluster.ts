/** The cluster as reachability sees it: namespaces, workloads (each with one representative pod). */
import type { Diagnostic } from '../../core/errors.js';
import { isRecord, namespaceOf, type K8sObject } from '../../k8s/object.js';
import { podTemplateOf } from '../../k8s/pod-template.js';
import { isProtocol, type Protocol } from './conn.js';
import { objectDiagnostic } from './diag.js';
import type { Labels } from './selector.js';

export const NS_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface Namespace {
  readonly name: string;
  readonly labels: Labels;
}

export interface ContainerPort {
  readonly name: string | undefined;
  readonly port: number;
  readonly protocol: Protocol;
  /** Declared by an init container (netpol-analyzer's Ingress analysis counts only regular containers). */
  readonly init: boolean;
}

/** A workload: pods of one owner behave alike, so one representative pod stands for all of them. */
export interface Workload {
  /** netpol-analyzer's peer name: `ns/name[Kind]`. */
  readonly id: string;
  readonly ns: string;
  readonly name: string;
  readonly kind: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
}

export interface Cluster {
  readonly namespaces: ReadonlyMap<string, Namespace>;
  readonly workloads: readonly Workload[];
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function containerPorts(
  spec: Record<string, unknown>,
  obj: K8sObject,
  base: string,
  diags: Diagnostic[],
): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const field of ['initContainers', 'containers'] as const) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c: unknown, ci) => {
      if (!isRecord(c) || !Array.isArray(c['ports'])) return;
      c['ports'].forEach((p: unknown, pi) => {
        if (!isRecord(p)) return;
        const port = p['containerPort'];
        const protocol = p['protocol'] ?? 'TCP';
        if (typeof port !== 'number' || typeof protocol !== 'string' || !isProtocol(protocol)) {
          diags.push(
            objectDiagnostic(obj, `${base}.${field}[${ci}].ports[${pi}]`, 'bad container port', 'warning'),
          );
          return;
        }
        const name = typeof p['name'] === 'string' ? p['name'] : undefined;
        out.push({ name, port, protocol, init: field === 'initContainers' });
      });
    });
  }
  return out;
}

const OWNER_KINDS = new Set([
  'ReplicaSet',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
]);

/** Pods are named after their owner (netpol-analyzer): `ownerReferences[0]`, else the pod itself. */
function workloadOf(obj: K8sObject, diags: Diagnostic[]): Workload | null {
  const tpl = podTemplateOf(obj);
  if (tpl === null || obj.kind === 'PodTemplate') return null;
  const ns = namespaceOf(obj);
  // Static pods are "owned" by their Node: those stay pods, as in netpol-analyzer.
  const ref = obj.kind === 'Pod' ? obj.metadata.ownerReferences[0] : undefined;
  const owner = ref !== undefined && OWNER_KINDS.has(ref.kind) ? ref : undefined;
  const kind = owner?.kind ?? obj.kind;
  const name = owner?.name ?? obj.metadata.name;
  return {
    id: `${ns}/${name}[${kind}]`,
    ns,
    name,
    kind,
    labels: stringMap(tpl.metadata['labels']),
    ports: containerPorts(tpl.spec, obj, tpl.path, diags),
  };
}

export function buildCluster(objects: readonly K8sObject[], diags: Diagnostic[]): Cluster {
  const namespaces = new Map<string, Namespace>();
  const workloads = new Map<string, Workload>();
  const addNs = (name: string, labels: Labels) => {
    if (!namespaces.has(name)) namespaces.set(name, { name, labels: { ...labels, [NS_NAME_LABEL]: name } });
  };
  for (const obj of objects) if (obj.kind === 'Namespace') addNs(obj.metadata.name, obj.metadata.labels);
  for (const obj of objects) {
    const w = workloadOf(obj, diags);
    if (w === null) continue;
    addNs(w.ns, {});
    // Replicas of one owner share labels; the first pod seen represents them.
    if (!workloads.has(w.id)) workloads.set(w.id, w);
  }
  return { namespaces, workloads: [...workloads.values()] };
}
