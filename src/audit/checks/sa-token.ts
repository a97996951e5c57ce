import { namespaceOf, type K8sObject } from '../../k8s/object.js';
import type { CheckContext, Hit, PostureCheck } from '../check.js';
import type { PodView } from '../pss/types.js';
import { at, list, rec } from './util.js';

function serviceAccountOf(pod: PodView): string {
  const sa = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
  return typeof sa === 'string' && sa !== '' ? sa : 'default';
}

/** The pod's automountServiceAccountToken wins; unset falls back to the ServiceAccount's, which defaults to true. */
function tokenMounted(obj: K8sObject, pod: PodView, ctx: CheckContext): boolean {
  const own = pod.spec.automountServiceAccountToken;
  if (typeof own === 'boolean') return own;
  const sa = ctx.index.serviceAccounts.get(`${namespaceOf(obj)}/${serviceAccountOf(pod)}`);
  return sa?.raw.automountServiceAccountToken !== false;
}

/** Verbs and resources that let a token holder take over the cluster or read its secrets. */
function powerful(role: K8sObject | undefined, name: string): boolean {
  if (name === 'ClusterRole/cluster-admin' || name === 'ClusterRole/admin' || name === 'ClusterRole/edit')
    return true;
  for (const r of list(role?.raw.rules)) {
    const verbs = list(rec(r).verbs).map(String);
    const res = list(rec(r).resources).map(String);
    if (verbs.includes('*') && (res.includes('*') || res.length === 0)) return true;
    if (['escalate', 'bind', 'impersonate'].some((v) => verbs.includes(v))) return true;
    if (
      res.some((x) => x === 'secrets' || x === '*') &&
      verbs.some((v) => ['get', 'list', 'watch', '*'].includes(v))
    )
      return true;
    if (
      res.some((x) =>
        ['pods', 'pods/exec', 'deployments', 'daemonsets', 'cronjobs', 'jobs', '*'].includes(x),
      ) &&
      verbs.some((v) => ['create', '*'].includes(v))
    )
      return true;
  }
  return false;
}

export const saTokenAutomount: PostureCheck = {
  id: 'sa-token-automount',
  topic: 'sa-token',
  severity: 'low',
  subtopics: ['sa-token-automounted'],
  remediation:
    'Set automountServiceAccountToken: false on the pod (or its ServiceAccount) unless it calls the Kubernetes API.',
  run(obj, pod, ctx) {
    if (!pod || !tokenMounted(obj, pod, ctx)) return [];
    return [
      {
        path: at(pod.specPath, 'automountServiceAccountToken'),
        message: `the token of ServiceAccount "${serviceAccountOf(pod)}" is mounted into the pod`,
      },
    ];
  },
};

export const saTokenRbac: PostureCheck = {
  id: 'sa-token-rbac',
  topic: 'sa-token',
  severity: 'medium',
  subtopics: ['sa-token-automounted-with-rbac'],
  remediation: 'Set automountServiceAccountToken: false, or bind the ServiceAccount to a narrower Role.',
  run(obj, pod, ctx) {
    if (!pod || !tokenMounted(obj, pod, ctx)) return [];
    const sa = serviceAccountOf(pod);
    const roles = ctx.index.boundRoles.get(`${namespaceOf(obj)}/${sa}`) ?? [];
    if (roles.length === 0) return [];
    const strong = roles.filter((r) => powerful(ctx.index.roles.get(r), r));
    const hit: Hit = {
      path: at(pod.specPath, 'automountServiceAccountToken'),
      message: `the mounted token of ServiceAccount "${sa}" is bound to ${(strong.length ? strong : roles).join(', ')}`,
    };
    if (strong.length > 0) hit.severity = 'high';
    return [hit];
  },
};

export const defaultSaAutomount: PostureCheck = {
  id: 'default-sa-automount',
  topic: 'sa-token',
  severity: 'low',
  subtopics: ['default-sa-automounts'],
  remediation: 'Set automountServiceAccountToken: false on the default ServiceAccount of every namespace.',
  run(obj) {
    if (
      obj.kind !== 'ServiceAccount' ||
      obj.metadata.name !== 'default' ||
      obj.raw.automountServiceAccountToken === false
    )
      return [];
    return [
      {
        path: 'automountServiceAccountToken',
        message: 'the default ServiceAccount mounts its token into every pod that does not opt out',
      },
    ];
  },
};
