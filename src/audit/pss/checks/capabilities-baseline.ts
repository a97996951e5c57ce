import { at, list, rec, type PssCheck, type PssViolation } from '../types.js';

/** The capabilities a baseline pod may add (the container runtime's default set). */
const Allowed = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const capabilitiesBaseline: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  since: 0,
  evaluate(pod) {
    const out: PssViolation[] = [];
    for (const v of pod.containers)
      list(rec(rec(v.c.securityContext).capabilities).add).forEach((cap, i) => {
        if (typeof cap === 'string' && Allowed.has(cap)) return;
        out.push({
          check: this.id,
          field: at(v.path, `securityContext.capabilities.add[${i}]`),
          message: `container "${v.name}" must not add capability ${String(cap)}`,
        });
      });
    return out;
  },
};
