import { at, rec, type PssCheck, type PssViolation } from '../types.js';

const Probes = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const Hooks = ['postStart', 'preStop'];

/** Since v1.34: probes and lifecycle hooks must not target another host (a kubelet-side SSRF). */
export const hostProbesAndHostLifecycle: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  since: 34,
  evaluate(pod) {
    const out: PssViolation[] = [];
    for (const v of pod.containers) {
      const handlers: [string, unknown][] = Probes.map((p) => [p, v.c[p]]);
      for (const h of Hooks) handlers.push([`lifecycle.${h}`, rec(v.c.lifecycle)[h]]);
      for (const [name, handler] of handlers)
        for (const kind of ['httpGet', 'tcpSocket']) {
          const host = rec(rec(handler)[kind]).host;
          if (host === undefined || host === null || host === '') continue;
          out.push({
            check: this.id,
            field: at(v.path, `${name}.${kind}.host`),
            message: `container "${v.name}" ${name} targets host ${String(host)}`,
          });
        }
    }
    return out;
  },
};
