import { at, list, rec, type PssCheck, type PssViolation } from '../types.js';

export const hostPathVolumes: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  since: 0,
  evaluate(pod) {
    const out: PssViolation[] = [];
    list(pod.spec.volumes).forEach((vol, i) => {
      const v = rec(vol);
      if (v.hostPath === undefined || v.hostPath === null) return;
      out.push({
        check: this.id,
        field: at(pod.specPath, `volumes[${i}].hostPath`),
        message: `hostPath volume "${String(v.name)}"`,
      });
    });
    return out;
  },
};
