import { at, rec, type PssCheck, type PssViolation } from '../types.js';

export const windowsHostProcess: PssCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  since: 0,
  evaluate(pod) {
    const out: PssViolation[] = [];
    if (rec(rec(pod.spec.securityContext).windowsOptions).hostProcess === true)
      out.push({
        check: this.id,
        field: at(pod.specPath, 'securityContext.windowsOptions.hostProcess'),
        message: 'pod hostProcess=true',
      });
    for (const v of pod.containers)
      if (rec(rec(v.c.securityContext).windowsOptions).hostProcess === true)
        out.push({
          check: this.id,
          field: at(v.path, 'securityContext.windowsOptions.hostProcess'),
          message: `container "${v.name}" hostProcess=true`,
        });
    return out;
  },
};
