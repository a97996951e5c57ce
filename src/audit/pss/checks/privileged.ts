import { at, rec, type PssCheck } from '../types.js';

export const privileged: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  since: 0,
  evaluate(pod) {
    return pod.containers
      .filter((v) => rec(v.c.securityContext).privileged === true)
      .map((v) => ({
        check: this.id,
        field: at(v.path, 'securityContext.privileged'),
        message: `container "${v.name}" must not set securityContext.privileged=true`,
      }));
  },
};
