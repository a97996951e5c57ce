import { at, rec, type PssCheck, type PssViolation } from '../types.js';

export const runAsNonRoot: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  since: 0,
  evaluate(pod) {
    const out: PssViolation[] = [];
    const podValue = rec(pod.spec.securityContext).runAsNonRoot;
    if (podValue === false)
      out.push({
        check: this.id,
        field: at(pod.specPath, 'securityContext.runAsNonRoot'),
        message: 'pod must not set runAsNonRoot=false',
      });
    for (const v of pod.containers) {
      const cv = rec(v.c.securityContext).runAsNonRoot;
      if (cv === true || ((cv === undefined || cv === null) && podValue === true)) continue;
      out.push({
        check: this.id,
        field: at(v.path, 'securityContext.runAsNonRoot'),
        message: `container "${v.name}" must set runAsNonRoot=true (or the pod must)`,
      });
    }
    return out;
  },
};
