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

/**
 * Cases not reproduced yet (see NOTES.md): `{ingress-controller}` peers from Ingress/Route objects, and three
 * exposure conventions. `it.fails` keeps them visible: fixing one makes its test fail until it leaves this list.
 */
const KNOWN_GAPS = new Set([
  'acs-security-demos: connlist.txt',
  'acs-security-demos: exposure.txt',
  'acs-security-demos-with-netpol-list: connlist.txt',
  'demo_app_with_routes_and_ingress: connlist.txt',
  'k8s_ingress_test: connlist.txt',
  'multiple_ingress_objects_with_different_ports: connlist.txt',
  'one_ingress_multiple_ports: connlist.txt',
  'one_ingress_multiple_services: connlist.txt',
  'exposure_test_different_but_equiv_rules: exposure.txt',
  'exposure_test_real_namespace_with_matching_pod: exposure.txt',
  'exposure_test_with_real_pod_and_namespace: exposure.txt',
]);
const test = (name: string) => (KNOWN_GAPS.has(name) ? it.fails : it);

describe('netpol-analyzer corpus', () => {
  it('has every case', () => {
    expect(cases.length).toBe(81);
  });
  for (const c of cases) {
    const manifests = join(local, c, 'manifests');
    const connlist = expectedFile(c, 'connlist.txt');
    const exposure = expectedFile(c, 'exposure.txt');
    if (connlist !== null)
      test(`${c}: connlist.txt`)(`${c}: connlist.txt`, () => {
        const r = analyzeReach(loadReachManifests([manifests]).objects);
        expect(formatConnlistTxt(r.connections)).toBe(readFileSync(connlist!, 'utf8'));
      });
    if (exposure !== null)
      test(`${c}: exposure.txt`)(`${c}: exposure.txt`, () => {
        const r = analyzeReach(loadReachManifests([manifests]).objects);
        expect(formatExposureTxt(r.connections, exposureAnalysis(r.index))).toBe(
          readFileSync(exposure!, 'utf8'),
        );
      });
  }
});
