import { at, list, rec, type PssCheck, type PssViolation } from '../types.js';

export const capabilitiesRestricted: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  since: 22,
  overrides: ['capabilities_baseline'],
  evaluate(pod, minor) {
    if (minor >= 25 && pod.windows) return [];
    const out: PssViolation[] = [];
    for (const v of pod.containers) {
      const caps = rec(rec(v.c.securityContext).capabilities);
      if (!list(caps.drop).includes('ALL'))
        out.push({
          check: this.id,
          field: at(v.path, 'securityContext.capabilities.drop'),
          message: `container "${v.name}" must drop ALL capabilities`,
        });
      list(caps.add).forEach((cap, i) => {
        if (cap === 'NET_BIND_SERVICE') return;
        out.push({
          check: this.id,
          field: at(v.path, `securityContext.capabilities.add[${i}]`),
          message: `container "${v.name}" may add only NET_BIND_SERVICE, not ${String(cap)}`,
        });
      });
    }
    return out;
  },
};
