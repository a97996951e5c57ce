import { annotationPath, at, rec, type PodView, type PssCheck, type PssViolation } from '../types.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Before v1.19 PSA reads the seccomp annotations; from v1.19 the seccompProfile fields. */
function baselineAnnotations(pod: PodView, id: string): PssViolation[] {
  const out: PssViolation[] = [];
  for (const [k, val] of Object.entries(pod.annotations))
    if ((k === POD_ANNOTATION || k.startsWith(CONTAINER_PREFIX)) && val === 'unconfined')
      out.push({ check: id, field: annotationPath(pod, k), message: `annotation ${k}=unconfined` });
  return out;
}

function profileType(sc: unknown): string | undefined {
  const p = rec(sc).seccompProfile;
  if (p === undefined || p === null) return undefined;
  return String(rec(p).type);
}

export const seccompProfileBaseline: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  since: 0,
  evaluate(pod, minor) {
    if (minor < 19) return baselineAnnotations(pod, this.id);
    const out: PssViolation[] = [];
    if (profileType(pod.spec.securityContext) === 'Unconfined')
      out.push({
        check: this.id,
        field: at(pod.specPath, 'securityContext.seccompProfile.type'),
        message: 'pod seccompProfile Unconfined',
      });
    for (const v of pod.containers)
      if (profileType(v.c.securityContext) === 'Unconfined')
        out.push({
          check: this.id,
          field: at(v.path, 'securityContext.seccompProfile.type'),
          message: `container "${v.name}" seccompProfile Unconfined`,
        });
    return out;
  },
};

const Valid = new Set(['RuntimeDefault', 'Localhost']);

export const seccompProfileRestricted: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  since: 19,
  overrides: ['seccompProfile_baseline'],
  evaluate(pod, minor) {
    if (minor >= 25 && pod.windows) return [];
    const out: PssViolation[] = [];
    const podType = profileType(pod.spec.securityContext);
    if (podType !== undefined && !Valid.has(podType))
      out.push({
        check: this.id,
        field: at(pod.specPath, 'securityContext.seccompProfile.type'),
        message: `pod seccompProfile ${podType}`,
      });
    const podSet = podType !== undefined && Valid.has(podType);
    for (const v of pod.containers) {
      const t = profileType(v.c.securityContext);
      if (t === undefined && podSet) continue;
      if (t !== undefined && Valid.has(t)) continue;
      out.push({
        check: this.id,
        field: at(v.path, 'securityContext.seccompProfile.type'),
        message: `container "${v.name}" must set seccompProfile.type to RuntimeDefault or Localhost`,
      });
    }
    return out;
  },
};
