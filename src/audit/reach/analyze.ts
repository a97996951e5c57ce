/** Entry point: Kubernetes objects in, compiled policies and the connection list out. */
import type { Diagnostic } from '../../core/errors.js';
import type { K8sObject } from '../../k8s/object.js';
import { buildCluster } from './cluster.js';
import { connectionList, type Connection } from './connlist.js';
import { PolicyIndex } from './evaluate.js';
import { ingressConnections } from './ingress.js';
import { compilePolicy } from './policy.js';

export interface ReachResult {
  readonly index: PolicyIndex;
  readonly connections: readonly Connection[];
  readonly diagnostics: readonly Diagnostic[];
}

export function buildIndex(objects: readonly K8sObject[], diags: Diagnostic[]): PolicyIndex {
  const cluster = buildCluster(objects, diags);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => compilePolicy(o, diags));
  return new PolicyIndex(cluster, policies);
}

export function analyzeReach(objects: readonly K8sObject[]): ReachResult {
  const diagnostics: Diagnostic[] = [];
  const index = buildIndex(objects, diagnostics);
  const connections = [...connectionList(index), ...ingressConnections(objects, index, diagnostics)];
  return { index, connections, diagnostics };
}
