import type { Hit, PostureCheck } from '../check.js';
import type { AuditParams } from '../params.js';
import { at, list, rec } from './util.js';

export const secretInEnv: PostureCheck = {
  id: 'secret-in-env',
  topic: 'secrets-in-env',
  severity: 'low',
  subtopics: ['secret-ref-in-env'],
  remediation:
    'Mount the Secret as a file (volume) instead of exposing it in the environment, where it leaks into logs and child processes.',
  run(_obj, pod) {
    const hits: Hit[] = [];
    for (const v of pod?.containers ?? []) {
      list(v.c.env).forEach((e, i) => {
        if (rec(rec(e).valueFrom).secretKeyRef !== undefined)
          hits.push({
            path: at(v.path, `env[${i}].name`),
            message: `container "${v.name}" reads Secret key into env ${String(rec(e).name)}`,
          });
      });
      list(v.c.envFrom).forEach((e, i) => {
        if (rec(e).secretRef !== undefined && rec(e).secretRef !== null)
          hits.push({
            path: at(v.path, `envFrom[${i}].secretRef`),
            message: `container "${v.name}" loads a whole Secret into its environment`,
          });
      });
    }
    return hits;
  },
};

function compile(patterns: string[]): RegExp[] {
  const out: RegExp[] = [];
  for (const p of patterns) {
    try {
      out.push(new RegExp(p, 'i'));
    } catch {
      // A bad pattern in a user's config must not stop the audit; it simply matches nothing.
    }
  }
  return out;
}

interface Compiled {
  keys: string[];
  keysAllowed: Set<string>;
  valuesAllowed: Set<string>;
  values: RegExp[];
}
/** Compiled once per audit (params object), not once per object. */
const compiled = new WeakMap<AuditParams, Compiled>();

function compiledOf(p: AuditParams): Compiled {
  let c = compiled.get(p);
  if (!c) {
    c = {
      keys: p.sensitiveKeyNames.map((k) => k.toLowerCase()),
      keysAllowed: new Set(p.sensitiveKeyNamesAllowed.map((k) => k.toLowerCase())),
      valuesAllowed: new Set(p.sensitiveValuesAllowed),
      values: compile(p.sensitiveValues),
    };
    compiled.set(p, c);
  }
  return c;
}

export const credentialInEnv: PostureCheck = {
  id: 'credential-in-env',
  topic: 'secrets-in-env',
  severity: 'high',
  subtopics: ['credential-in-env-or-envfrom-secret'],
  remediation: 'Move the credential into a Secret and mount it as a file; rotate the exposed value.',
  run(_obj, pod, ctx) {
    const { keys, keysAllowed, valuesAllowed, values } = compiledOf(ctx.params);
    const hits: Hit[] = [];
    for (const v of pod?.containers ?? [])
      list(v.c.env).forEach((e, i) => {
        const name = String(rec(e).name ?? '');
        const value = rec(e).value;
        if (typeof value !== 'string' || value === '' || valuesAllowed.has(value)) return;
        const lname = name.toLowerCase();
        // A value that is a file path names where the credential is, not the credential.
        if (value.startsWith('/')) return;
        const byName = !keysAllowed.has(lname) && keys.some((k) => lname.includes(k));
        const byValue = values.some((re) => re.test(value));
        if (byName || byValue)
          hits.push({
            path: at(v.path, `env[${i}].value`),
            message: `container "${v.name}" has a literal credential in env ${name}`,
          });
      });
    return hits;
  },
};
