import { at, rec, type PssCheck, type PssViolation } from '../types.js';

export const runAsUser: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  since: 23,
  evaluate(pod) {
    const out: PssViolation[] = [];
    if (rec(pod.spec.securityContext).runAsUser === 0)
      out.push({
        check: this.id,
        field: at(pod.specPath, 'securityContext.runAsUser'),
        message: 'pod must not set runAsUser=0',
      });
    for (const v of pod.containers)
      if (rec(v.c.securityContext).runAsUser === 0)
        out.push({
          check: this.id,
          field: at(v.path, 'securityContext.runAsUser'),
          message: `container "${v.name}" must not set runAsUser=0`,
        });
    return out;
  },
};
