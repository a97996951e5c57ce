import type { Hit, PostureCheck } from '../check.js';
import { at, list, rec } from './util.js';

const ControlPlaneKeys = new Set(['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']);

export const controlPlaneToleration: PostureCheck = {
  id: 'control-plane-toleration',
  topic: 'control-plane',
  severity: 'high',
  subtopics: [],
  remediation:
    'Remove the toleration of the control-plane taint (and any key-less `operator: Exists` toleration) unless this is a control-plane component.',
  run(_obj, pod) {
    const hits: Hit[] = [];
    list(pod?.spec.tolerations).forEach((t, i) => {
      const tol = rec(t);
      const key = typeof tol.key === 'string' ? tol.key : '';
      // An empty key with operator Exists tolerates every taint, the control-plane one included.
      if (ControlPlaneKeys.has(key) || (key === '' && tol.operator === 'Exists'))
        hits.push({
          path: at(pod?.specPath ?? 'spec', `tolerations[${i}]`),
          message: key
            ? `tolerates the ${key} taint: may be scheduled on control-plane nodes`
            : 'tolerates every taint, the control-plane one included',
        });
    });
    return hits;
  },
};

function affinityHits(spec: Record<string, unknown>, base: string): Hit[] {
  const hits: Hit[] = [];
  const node = rec(rec(spec.affinity).nodeAffinity);
  const required = rec(node.requiredDuringSchedulingIgnoredDuringExecution);
  list(required.nodeSelectorTerms).forEach((term, ti) => {
    list(rec(term).matchExpressions).forEach((e, ei) => {
      const ex = rec(e);
      if (ControlPlaneKeys.has(String(ex.key)) && (ex.operator === 'Exists' || ex.operator === 'In'))
        hits.push({
          path: at(
            base,
            `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${ti}].matchExpressions[${ei}]`,
          ),
          message: `requires nodes labelled ${String(ex.key)}: runs on control-plane nodes`,
        });
    });
  });
  list(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((p, pi) => {
    list(rec(rec(p).preference).matchExpressions).forEach((e, ei) => {
      const ex = rec(e);
      if (ControlPlaneKeys.has(String(ex.key)) && (ex.operator === 'Exists' || ex.operator === 'In'))
        hits.push({
          path: at(
            base,
            `affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${pi}].preference.matchExpressions[${ei}]`,
          ),
          message: `prefers nodes labelled ${String(ex.key)}: runs on control-plane nodes`,
        });
    });
  });
  return hits;
}

export const controlPlaneSelector: PostureCheck = {
  id: 'control-plane-node-selector',
  topic: 'control-plane',
  severity: 'high',
  subtopics: [],
  remediation:
    'Do not select control-plane nodes (nodeSelector, nodeAffinity); a compromise there reaches etcd and the API server keys.',
  run(_obj, pod) {
    if (!pod) return [];
    const hits: Hit[] = [];
    for (const k of Object.keys(rec(pod.spec.nodeSelector)))
      if (ControlPlaneKeys.has(k))
        hits.push({
          path: at(pod.specPath, `nodeSelector["${k}"]`),
          message: `nodeSelector ${k}: runs on control-plane nodes`,
        });
    return [...hits, ...affinityHits(pod.spec, pod.specPath)];
  },
};
