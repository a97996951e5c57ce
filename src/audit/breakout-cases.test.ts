import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../k8s/load.js';
import { runAudit } from './run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/audit/breakout');
interface Expected {
  checks: string[];
  findings: { id: string; object: string; path: string; severity?: string }[];
}

describe('own breakout cases (input.yaml + expected.json)', () => {
  const dirs = readdirSync(root).filter((d) => !d.includes('.'));
  it('has cases', () => expect(dirs.length).toBeGreaterThanOrEqual(4));
  it.each(dirs)('%s', (dir) => {
    const expected = JSON.parse(readFileSync(join(root, dir, 'expected.json'), 'utf8')) as Expected;
    const loaded = loadManifests([{ path: join(root, dir, 'input.yaml') }]);
    expect(loaded.diagnostics).toEqual([]);
    const { findings } = runAudit(loaded.objects);
    const got = findings
      .filter((f) => expected.checks.includes(f.id))
      .map((f) => {
        const want = expected.findings.find((e) => e.id === f.id && e.path === f.path);
        const row: Expected['findings'][number] = {
          id: f.id,
          object: `${f.object.kind}/${f.object.namespace ?? ''}/${f.object.name}`,
          path: f.path,
        };
        if (want?.severity !== undefined) row.severity = f.severity;
        return row;
      });
    const key = (x: { id: string; object: string; path: string }) => `${x.object} ${x.id} ${x.path}`;
    expect(got.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...expected.findings].sort((a, b) => key(a).localeCompare(key(b))),
    );
  });
});
