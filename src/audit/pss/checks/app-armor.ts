import { annotationPath, at, rec, type PssCheck, type PssViolation } from '../types.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const AllowedTypes = new Set(['RuntimeDefault', 'Localhost']);

function annotationAllowed(v: string): boolean {
  return v === '' || v === 'runtime/default' || v.startsWith('localhost/');
}

/** Baseline since v1.0: the annotation form (all versions) and the appArmorProfile field (checked whenever set). */
export const appArmorProfile: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  since: 0,
  evaluate(pod) {
    const out: PssViolation[] = [];
    const bad = (field: string, what: string) =>
      out.push({ check: this.id, field, message: `${what} must be RuntimeDefault or Localhost` });
    const podType = rec(rec(pod.spec.securityContext).appArmorProfile).type;
    if (podType !== undefined && !AllowedTypes.has(String(podType)))
      bad(
        at(pod.specPath, 'securityContext.appArmorProfile.type'),
        `pod AppArmor profile ${String(podType)}`,
      );
    for (const v of pod.containers) {
      const t = rec(rec(v.c.securityContext).appArmorProfile).type;
      if (t !== undefined && !AllowedTypes.has(String(t)))
        bad(
          at(v.path, 'securityContext.appArmorProfile.type'),
          `container "${v.name}" AppArmor profile ${String(t)}`,
        );
    }
    for (const [k, val] of Object.entries(pod.annotations))
      if (k.startsWith(ANNOTATION_PREFIX) && !annotationAllowed(val))
        bad(annotationPath(pod, k), `annotation ${k}=${val}`);
    return out;
  },
};
