import { at, rec, type PodView, type PssCheck, type PssViolation } from '../types.js';

function unmasked(pod: PodView, id: string): PssViolation[] {
  const out: PssViolation[] = [];
  for (const v of pod.containers) {
    const pm = rec(v.c.securityContext).procMount;
    if (pm === undefined || pm === null || pm === 'Default') continue;
    out.push({
      check: id,
      field: at(v.path, 'securityContext.procMount'),
      message: `container "${v.name}" procMount ${String(pm)}`,
    });
  }
  return out;
}

/** From v1.35 a pod in its own user namespace (`hostUsers: false`) may unmask /proc at baseline. */
export const procMountBaseline: PssCheck = {
  id: 'procMount_baseline',
  level: 'baseline',
  since: 0,
  evaluate(pod, minor) {
    if (minor >= 35 && pod.spec.hostUsers === false) return [];
    return unmasked(pod, this.id);
  },
};

export const procMountRestricted: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  since: 35,
  overrides: ['procMount_baseline'],
  evaluate(pod) {
    return unmasked(pod, this.id);
  },
};
