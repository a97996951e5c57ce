import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeReach } from './analyze.js';
import { exposureAnalysis } from './exposure.js';
import { formatExposureTxt } from './format-exposure.js';
import { formatConnlistTxt } from './format-txt.js';
import { loadReachManifests } from './load.js';

// netpol-analyzer's golden outputs (test/fixtures/audit/netpol/README.md). A case whose expected file is too
// large for the repository is read from the shared corpus when that is checked out beside the project.
const here = dirname(fileURLToPath(import.meta.url));
const local = join(here, '../../../test/fixtures/audit/netpol');
const shared = join(here, '../../../../shared/corpus/audit/netpol');
const cases = readdirSync(local)
  .filter((d) => existsSync(join(local, d, 'manifests')))
  .sort();

function expectedFile(c: string, name: string): string | null {
  for (const root of [local, shared]) {
    const p = join(root, c, 'expected', name);
    if (existsSync(p)) return p;
  }
  return null;
}

describe('netpol-analyzer corpus', () => {
  it('has every case', () => {
    expect(cases.length).toBe(81);
  });
  for (const c of cases) {
    const manifests = join(local, c, 'manifests');
    const connlist = expectedFile(c, 'connlist.txt');
    const exposure = expectedFile(c, 'exposure.txt');
    if (connlist !== null)
      it(`${c}: connlist.txt`, () => {
        const r = analyzeReach(loadReachManifests([manifests]).objects);
        expect(formatConnlistTxt(r.connections)).toBe(readFileSync(connlist!, 'utf8'));
      });
    if (exposure !== null)
      it(`${c}: exposure.txt`, () => {
        const r = analyzeReach(loadReachManifests([manifests]).objects);
        expect(formatExposureTxt(r.connections, exposureAnalysis(r.index))).toBe(
          readFileSync(exposure!, 'utf8'),
        );
      });
  }
});
