import { at, rec, type PssCheck, type PssViolation } from '../types.js';

const TypesV1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const TypesV1_31 = new Set([...TypesV1_0, 'container_engine_t']);

export const seLinuxOptions: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  since: 0,
  evaluate(pod, minor) {
    const out: PssViolation[] = [];
    const types = minor >= 31 ? TypesV1_31 : TypesV1_0;
    const check = (opts: Record<string, unknown>, base: string, who: string) => {
      if (opts.type !== undefined && opts.type !== null && !types.has(String(opts.type)))
        out.push({
          check: this.id,
          field: at(base, 'type'),
          message: `${who} seLinuxOptions.type ${String(opts.type)}`,
        });
      for (const f of ['user', 'role'])
        if (opts[f] !== undefined && opts[f] !== null && opts[f] !== '')
          out.push({
            check: this.id,
            field: at(base, f),
            message: `${who} must not set seLinuxOptions.${f}`,
          });
    };
    check(
      rec(rec(pod.spec.securityContext).seLinuxOptions),
      at(pod.specPath, 'securityContext.seLinuxOptions'),
      'pod',
    );
    for (const v of pod.containers)
      check(
        rec(rec(v.c.securityContext).seLinuxOptions),
        at(v.path, 'securityContext.seLinuxOptions'),
        `container "${v.name}"`,
      );
    return out;
  },
};
