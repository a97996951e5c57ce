import type { Hit, PostureCheck } from '../check.js';
import { at, capName, list, rec, securityContext } from './util.js';

/** CAP_SYS_ADMIN (or every capability) gives a container what `privileged` would: mounts, devices, namespaces. */
const EffectivelyPrivileged = new Set(['ALL', 'SYS_ADMIN']);

export const privilegedContainer: PostureCheck = {
  id: 'privileged-container',
  topic: 'privileged',
  severity: 'critical',
  subtopics: ['privileged-container'],
  remediation:
    'Remove securityContext.privileged and the ALL/SYS_ADMIN capabilities; grant only the specific capabilities needed.',
  run(_obj, pod) {
    const hits: Hit[] = [];
    for (const v of pod?.containers ?? []) {
      const sc = securityContext(v);
      if (sc.privileged === true)
        hits.push({
          path: at(v.path, 'securityContext.privileged'),
          message: `container "${v.name}" is privileged: full access to the host's devices and kernel`,
        });
      list(rec(sc.capabilities).add).forEach((c, i) => {
        if (EffectivelyPrivileged.has(capName(c)))
          hits.push({
            path: at(v.path, `securityContext.capabilities.add[${i}]`),
            message: `container "${v.name}" adds ${String(c)}, which is effectively privileged`,
          });
      });
    }
    return hits;
  },
};
