import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../k8s/load.js';
import { PostureChecks, Topics } from './checks/registry.js';
import type { AuditParams } from './params.js';
import { runAudit } from './run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/audit/posture');
interface Obj {
  kind: string;
  namespace: string | null;
  name: string;
}
interface PostureCase {
  id: string;
  topic: string;
  subtopic: string;
  expected: 'pass' | 'fail';
  inputs: string[];
  failed_paths: string[];
  fix_paths: { path: string }[];
  objects: Obj[];
  params: Record<string, unknown> | null;
}
const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as {
  topics: string[];
  cases: PostureCase[];
};

/** The corpus' neutral parameter names → Vigil's. */
function paramsOf(p: Record<string, unknown> | null): Partial<AuditParams> {
  const out: Partial<AuditParams> = {};
  if (!p) return out;
  const s = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined);
  const map: [string, keyof AuditParams][] = [
    ['capabilities', 'dangerousCapabilities'],
    ['must_drop_all_of', 'mustDropAllOf'],
    ['digest_exempt_repositories', 'digestExemptRepositories'],
    ['sensitive_key_names', 'sensitiveKeyNames'],
    ['sensitive_key_names_allowed', 'sensitiveKeyNamesAllowed'],
    ['sensitive_values', 'sensitiveValues'],
    ['sensitive_values_allowed', 'sensitiveValuesAllowed'],
  ];
  for (const [from, to] of map) {
    const v = s(p[from]);
    if (v) (out as Record<string, unknown>)[to] = v;
  }
  if (typeof p.cloud_provider === 'string') out.cloudProvider = p.cloud_provider;
  const first = (v: unknown) => (Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
  out.memoryRequestMin = first(p.memory_request_min);
  out.memoryRequestMax = first(p.memory_request_max);
  out.memoryLimitMin = first(p.memory_limit_min);
  out.memoryLimitMax = first(p.memory_limit_max);
  return out;
}

const sameObject = (a: Obj, b: Obj) =>
  a.kind === b.kind && a.name === b.name && (a.namespace ?? null) === (b.namespace ?? null);

describe('posture corpus (kubescape, polaris)', () => {
  it('uses the 14 topics of the corpus', () => expect([...Topics]).toEqual(index.topics));
  it('every check has a known topic', () =>
    expect(PostureChecks.every((c) => (Topics as readonly string[]).includes(c.topic))).toBe(true));

  it.each(index.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const loaded = loadManifests(c.inputs.map((p) => ({ path: join(root, p) })));
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { findings } = runAudit(loaded.objects, { params: paramsOf(c.params) });
    if (c.expected === 'pass') {
      const mine = new Set(PostureChecks.filter((k) => k.subtopics.includes(c.subtopic)).map((k) => k.id));
      expect(findings.filter((f) => mine.has(f.id))).toEqual([]);
      return;
    }
    const topical = findings.filter((f) => f.topic === c.topic);
    const paths = c.failed_paths.length > 0 ? c.failed_paths : c.fix_paths.map((f) => f.path);
    if (paths.length > 0)
      expect(topical.map((f) => f.path)).toEqual(expect.arrayContaining([expect.toBeOneOf(paths)]));
    else
      expect(topical.filter((f) => c.objects.some((o) => sameObject(o, f.object))).length).toBeGreaterThan(0);
  });
});
