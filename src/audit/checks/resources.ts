import type { Hit, PostureCheck } from '../check.js';
import { parseQuantity } from './quantity.js';
import { at, rec } from './util.js';

function missing(kind: 'limits' | 'requests', resource: 'cpu' | 'memory', subtopics: string[]): PostureCheck {
  return {
    id: `no-${resource}-${kind === 'limits' ? 'limit' : 'request'}`,
    topic: 'resources',
    severity: kind === 'limits' ? 'medium' : 'low',
    subtopics,
    remediation: `Set resources.${kind}.${resource} on every container${kind === 'limits' ? ' so one pod cannot starve the node' : ''}.`,
    run(_obj, pod) {
      // Only regular containers: init containers run before and ephemeral ones take no resources spec.
      return (pod?.containers ?? [])
        .filter((v) => /\.containers\[\d+\]$/.test(v.path))
        .filter((v) => {
          const val = rec(rec(v.c.resources)[kind])[resource];
          return val === undefined || val === null || val === '';
        })
        .map((v) => ({
          path: at(v.path, `resources.${kind}.${resource}`),
          message: `container "${v.name}" has no ${resource} ${kind === 'limits' ? 'limit' : 'request'}`,
        }));
    },
  };
}

export const noCpuLimit = missing('limits', 'cpu', ['cpu-limit-missing', 'cpu-or-memory-limit-missing']);
export const noMemoryLimit = missing('limits', 'memory', [
  'memory-limit-missing',
  'cpu-or-memory-limit-missing',
  'memory-limit-or-request-missing-or-out-of-range',
]);
export const noCpuRequest = missing('requests', 'cpu', ['cpu-request-missing']);
export const noMemoryRequest = missing('requests', 'memory', [
  'memory-request-missing',
  'memory-limit-or-request-missing-or-out-of-range',
]);

type Bound = 'memoryRequestMin' | 'memoryRequestMax' | 'memoryLimitMin' | 'memoryLimitMax';

export const memoryOutOfRange: PostureCheck = {
  id: 'memory-out-of-range',
  topic: 'resources',
  severity: 'low',
  subtopics: ['memory-limit-or-request-missing-or-out-of-range'],
  remediation: 'Keep memory requests and limits within the bounds set for this cluster.',
  run(_obj, pod, ctx) {
    const hits: Hit[] = [];
    const bound = (k: Bound) => (ctx.params[k] === '' ? null : parseQuantity(ctx.params[k]));
    for (const v of pod?.containers ?? [])
      for (const [kind, min, max] of [
        ['requests', bound('memoryRequestMin'), bound('memoryRequestMax')],
        ['limits', bound('memoryLimitMin'), bound('memoryLimitMax')],
      ] as const) {
        const raw = rec(rec(v.c.resources)[kind]).memory;
        const q = parseQuantity(raw);
        if (q === null || ((min === null || q >= min) && (max === null || q <= max))) continue;
        hits.push({
          path: at(v.path, `resources.${kind}.memory`),
          message: `container "${v.name}" memory ${kind} ${String(raw)} is outside the allowed range`,
        });
      }
    return hits;
  },
};
