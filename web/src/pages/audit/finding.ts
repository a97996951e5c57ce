import type { Finding } from '../../api/types.js';

const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);

/**
 * The server stores findings as uploaded (any JSON object), so the page reads each one defensively:
 * a field missing from an upload shows as empty rather than breaking the table.
 */
export function normalizeFinding(x: unknown): Finding {
  const f = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  const o = (typeof f['object'] === 'object' && f['object'] !== null ? f['object'] : {}) as Record<
    string,
    unknown
  >;
  return {
    id: str(f['id']),
    topic: str(f['topic']),
    severity: str(f['severity']).toLowerCase() || 'unknown',
    object: { kind: str(o['kind']), namespace: str(o['namespace']), name: str(o['name']) },
    path: str(f['path']),
    message: str(f['message']),
    remediation: str(f['remediation']),
  };
}
