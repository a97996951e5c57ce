import { at, list, rec, type PssCheck, type PssViolation } from '../types.js';

export const hostPorts: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  since: 0,
  evaluate(pod) {
    const out: PssViolation[] = [];
    for (const v of pod.containers)
      list(v.c.ports).forEach((p, i) => {
        const hp = rec(p).hostPort;
        if (hp === undefined || hp === null || hp === 0) return;
        out.push({
          check: this.id,
          field: at(v.path, `ports[${i}].hostPort`),
          message: `container "${v.name}" uses hostPort ${String(hp)}`,
        });
      });
    return out;
  },
};
