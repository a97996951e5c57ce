import { isRecord, namespaceOf, type K8sObject } from '../k8s/object.js';
import { parseSelector, type LabelSelector } from '../k8s/selector.js';

export interface PolicySelector {
  /** null = every namespace (CiliumClusterwideNetworkPolicy). */
  namespace: string | null;
  selector: LabelSelector;
  /** Whether the policy isolates the selected pods for ingress / egress. */
  ingress: boolean;
  egress: boolean;
}

/** Cross-object facts the checks need (ServiceAccounts, RBAC, policies, nodes), built once per audit. */
export interface AuditIndex {
  serviceAccounts: Map<string, K8sObject>;
  /** `ns/sa` → the roles bound to it: `ClusterRole/name` or `Role/ns/name`. */
  boundRoles: Map<string, string[]>;
  roles: Map<string, K8sObject>;
  policies: PolicySelector[];
  /** Image references present on some node (Node.status.images), when nodes are known. */
  nodeImages: Set<string> | null;
}

const key = (ns: string, name: string) => `${ns}/${name}`;

function addBindings(obj: K8sObject, out: Map<string, string[]>): void {
  const ref = isRecord(obj.raw.roleRef) ? obj.raw.roleRef : {};
  const role =
    ref.kind === 'ClusterRole'
      ? `ClusterRole/${String(ref.name)}`
      : `Role/${namespaceOf(obj)}/${String(ref.name)}`;
  for (const s of Array.isArray(obj.raw.subjects) ? obj.raw.subjects : []) {
    if (!isRecord(s) || s.kind !== 'ServiceAccount' || typeof s.name !== 'string') continue;
    const ns = typeof s.namespace === 'string' ? s.namespace : namespaceOf(obj);
    const k = key(ns, s.name);
    out.set(k, [...(out.get(k) ?? []), role]);
  }
}

function addPolicy(obj: K8sObject, out: PolicySelector[]): void {
  const spec = isRecord(obj.raw.spec) ? obj.raw.spec : {};
  if (obj.kind === 'NetworkPolicy') {
    const sel = parseSelector(spec.podSelector);
    // policyTypes defaults to Ingress, plus Egress when the policy has egress rules.
    const types = Array.isArray(spec.policyTypes)
      ? spec.policyTypes.map(String)
      : ['Ingress', ...(Array.isArray(spec.egress) ? ['Egress'] : [])];
    if (sel)
      out.push({
        namespace: namespaceOf(obj),
        selector: sel,
        ingress: types.includes('Ingress'),
        egress: types.includes('Egress'),
      });
    return;
  }
  // Cilium policies select endpoints; a `specs` list holds several rules.
  const rules = Array.isArray(obj.raw.specs) ? obj.raw.specs : [spec];
  const ns = obj.kind === 'CiliumClusterwideNetworkPolicy' ? null : namespaceOf(obj);
  for (const r of rules) {
    if (!isRecord(r) || !('endpointSelector' in r)) continue;
    const sel = parseSelector(r.endpointSelector);
    if (sel)
      out.push({
        namespace: ns,
        selector: sel,
        ingress: 'ingress' in r || 'ingressDeny' in r,
        egress: 'egress' in r || 'egressDeny' in r,
      });
  }
}

function addNodeImages(obj: K8sObject, out: Set<string>): void {
  const status = isRecord(obj.raw.status) ? obj.raw.status : {};
  for (const img of Array.isArray(status.images) ? status.images : [])
    if (isRecord(img) && Array.isArray(img.names))
      for (const n of img.names) if (typeof n === 'string') out.add(n);
}

export function indexObjects(objects: readonly K8sObject[]): AuditIndex {
  const idx: AuditIndex = {
    serviceAccounts: new Map(),
    boundRoles: new Map(),
    roles: new Map(),
    policies: [],
    nodeImages: null,
  };
  for (const o of objects) {
    switch (o.kind) {
      case 'ServiceAccount':
        idx.serviceAccounts.set(key(namespaceOf(o), o.metadata.name), o);
        break;
      case 'RoleBinding':
      case 'ClusterRoleBinding':
        addBindings(o, idx.boundRoles);
        break;
      case 'Role':
        idx.roles.set(`Role/${namespaceOf(o)}/${o.metadata.name}`, o);
        break;
      case 'ClusterRole':
        idx.roles.set(`ClusterRole/${o.metadata.name}`, o);
        break;
      case 'NetworkPolicy':
      case 'CiliumNetworkPolicy':
      case 'CiliumClusterwideNetworkPolicy':
        addPolicy(o, idx.policies);
        break;
      case 'Node':
        idx.nodeImages ??= new Set();
        addNodeImages(o, idx.nodeImages);
        break;
    }
  }
  return idx;
}
