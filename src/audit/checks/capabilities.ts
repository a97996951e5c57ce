import type { Hit, PostureCheck } from '../check.js';
import type { AuditParams } from '../params.js';
import { at, capName, list, rec, securityContext } from './util.js';

const dangerousSets = new WeakMap<AuditParams, Set<string>>();
function dangerousOf(p: AuditParams): Set<string> {
  let set = dangerousSets.get(p);
  if (!set) dangerousSets.set(p, (set = new Set(p.dangerousCapabilities.map(capName))));
  return set;
}

export const dangerousCapabilities: PostureCheck = {
  id: 'dangerous-capabilities',
  topic: 'capabilities',
  severity: 'high',
  subtopics: ['cap-add-dangerous'],
  remediation:
    'Do not add this capability; drop ALL and add back only what the process needs (e.g. NET_BIND_SERVICE).',
  run(_obj, pod, ctx) {
    const dangerous = dangerousOf(ctx.params);
    const hits: Hit[] = [];
    for (const v of pod?.containers ?? [])
      list(rec(securityContext(v).capabilities).add).forEach((c, i) => {
        if (dangerous.has(capName(c)))
          hits.push({
            path: at(v.path, `securityContext.capabilities.add[${i}]`),
            message: `container "${v.name}" adds capability ${String(c)}`,
          });
      });
    return hits;
  },
};

export const capabilitiesNotDropped: PostureCheck = {
  id: 'capabilities-not-dropped',
  topic: 'capabilities',
  severity: 'low',
  subtopics: ['cap-not-dropped-insecure'],
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] and add back only the capabilities needed.',
  run(_obj, pod, ctx) {
    const hits: Hit[] = [];
    for (const v of pod?.containers ?? []) {
      const drop = new Set(list(rec(securityContext(v).capabilities).drop).map(capName));
      if (drop.has('ALL') || ctx.params.mustDropAllOf.every((c) => drop.has(capName(c)))) continue;
      hits.push({
        path: at(v.path, 'securityContext.capabilities.drop'),
        message: `container "${v.name}" keeps the runtime's default capabilities (does not drop ALL)`,
      });
    }
    return hits;
  },
};
