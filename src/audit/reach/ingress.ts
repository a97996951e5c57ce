import type { Diagnostic } from '../../core/errors.js';
import type { K8sObject } from '../../k8s/object.js';
import type { Connection } from './connlist.js';
import type { PolicyIndex } from './evaluate.js';

export function ingressConnections(
  _objects: readonly K8sObject[],
  _index: PolicyIndex,
  _diags: Diagnostic[],
): Connection[] {
  return [];
}
