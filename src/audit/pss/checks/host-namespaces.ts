import { at, type PssCheck, type PssViolation } from '../types.js';

export const hostNamespaces: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  since: 0,
  evaluate(pod) {
    const out: PssViolation[] = [];
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC'])
      if (pod.spec[f] === true)
        out.push({ check: this.id, field: at(pod.specPath, f), message: `${f}=true` });
    return out;
  },
};
