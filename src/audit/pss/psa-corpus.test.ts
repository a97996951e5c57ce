import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../k8s/parse.js';
import { evaluatePss } from './evaluate.js';
import { PssChecks } from './registry.js';
import { parsePssVersion } from './version.js';
import type { PssLevel } from './types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/audit');
interface PsaCase {
  id: string;
  file: string;
  level: PssLevel;
  expected_verdict: 'pass' | 'fail';
  versions: string[];
  check: string;
}
/** At restricted level a baseline check may be replaced by its stricter restricted twin. */
function firedFor(check: string, ids: string[]): boolean {
  const want = check.toLowerCase();
  const names = (id: string) =>
    [id, ...(PssChecks.find((c) => c.id === id)?.overrides ?? [])].map((x) => x.toLowerCase());
  return ids.some((id) => names(id).some((n) => n === want || n.startsWith(want)));
}
const cases = (JSON.parse(readFileSync(join(root, 'psa-index.json'), 'utf8')) as { cases: PsaCase[] }).cases;

describe('Pod Security Admission fixtures', () => {
  it('has the whole corpus', () => expect(cases.length).toBe(283));
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = parseManifestText(readFileSync(join(root, c.file), 'utf8'), c.file);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pod = r.objects[0];
    expect(pod?.kind).toBe('Pod');
    if (!pod) return;
    const wrong: string[] = [];
    for (const v of c.versions) {
      const res = evaluatePss(pod, c.level, parsePssVersion(v));
      const verdict = res.allowed ? 'pass' : 'fail';
      // Restricted is a superset of baseline: a baseline failure fails restricted, a restricted pass passes baseline.
      const other: PssLevel = c.level === 'baseline' ? 'restricted' : 'baseline';
      const implied = (c.level === 'baseline') === (c.expected_verdict === 'fail');
      if (implied && evaluatePss(pod, other, parsePssVersion(v)).allowed !== (c.expected_verdict === 'pass'))
        wrong.push(`${v}: implied ${other} verdict differs`);
      if (verdict !== c.expected_verdict) wrong.push(`${v}: ${verdict} ${JSON.stringify(res.violations)}`);
      // A fail fixture must fail for the check it exercises (the check id names the control).
      if (c.expected_verdict === 'fail' && !c.check.startsWith('(')) {
        const ids = res.violations.map((x) => x.check);
        if (!firedFor(c.check, ids)) wrong.push(`${v}: ${c.check} did not fire (${ids.join(',')})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
