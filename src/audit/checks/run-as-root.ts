import type { Hit, PostureCheck } from '../check.js';
import { at, rec, securityContext } from './util.js';

/** The container's own securityContext value, else the pod's. */
function effective(pod: Record<string, unknown>, c: Record<string, unknown>, field: string): unknown {
  return c[field] ?? pod[field];
}

export const runAsRoot: PostureCheck = {
  id: 'run-as-root',
  topic: 'root-user',
  severity: 'medium',
  subtopics: ['may-run-as-root', 'may-run-as-root-or-gid-0'],
  remediation:
    'Set runAsNonRoot: true and a non-zero runAsUser (and runAsGroup), or run the pod in a user namespace with hostUsers: false.',
  run(_obj, pod) {
    // In a user namespace (hostUsers: false) UID 0 maps to an unprivileged host UID.
    if (!pod || pod.spec.hostUsers === false) return [];
    const psc = rec(pod.spec.securityContext);
    const hits: Hit[] = [];
    for (const v of pod.containers) {
      const sc = securityContext(v);
      const user = effective(psc, sc, 'runAsUser');
      if (user === 0)
        hits.push({
          path: at(v.path, 'securityContext.runAsUser'),
          message: `container "${v.name}" runs as UID 0`,
        });
      else if (effective(psc, sc, 'runAsNonRoot') !== true && (user === undefined || user === null))
        hits.push({
          path: at(v.path, 'securityContext.runAsNonRoot'),
          message: `container "${v.name}" may run as root (no runAsNonRoot: true, no runAsUser)`,
        });
    }
    return hits;
  },
};

export const runAsRootGroup: PostureCheck = {
  id: 'run-as-root-group',
  topic: 'root-user',
  severity: 'low',
  subtopics: ['may-run-as-root-or-gid-0'],
  remediation:
    'Set a non-zero runAsGroup: files owned by group root stay writable to the container otherwise.',
  run(_obj, pod) {
    if (!pod || pod.spec.hostUsers === false) return [];
    const psc = rec(pod.spec.securityContext);
    return pod.containers
      .filter((v) => effective(psc, securityContext(v), 'runAsGroup') === 0)
      .map((v) => ({
        path: at(v.path, 'securityContext.runAsGroup'),
        message: `container "${v.name}" runs with GID 0`,
      }));
  },
};
