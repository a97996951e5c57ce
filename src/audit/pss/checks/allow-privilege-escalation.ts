import { at, rec, type PssCheck } from '../types.js';

export const allowPrivilegeEscalation: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  since: 8,
  evaluate(pod, minor) {
    if (minor >= 25 && pod.windows) return [];
    return pod.containers
      .filter((v) => rec(v.c.securityContext).allowPrivilegeEscalation !== false)
      .map((v) => ({
        check: this.id,
        field: at(v.path, 'securityContext.allowPrivilegeEscalation'),
        message: `container "${v.name}" must set securityContext.allowPrivilegeEscalation=false`,
      }));
  },
};
