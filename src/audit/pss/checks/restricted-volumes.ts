import { at, list, rec, type PssCheck, type PssViolation } from '../types.js';

const Allowed = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

export const restrictedVolumes: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  since: 0,
  overrides: ['hostPathVolumes'],
  evaluate(pod) {
    const out: PssViolation[] = [];
    list(pod.spec.volumes).forEach((vol, i) => {
      for (const [k, v] of Object.entries(rec(vol))) {
        if (k === 'name' || v === null || v === undefined || Allowed.has(k)) continue;
        out.push({
          check: this.id,
          field: at(pod.specPath, `volumes[${i}].${k}`),
          message: `volume type ${k} is not allowed`,
        });
      }
    });
    return out;
  },
};
