import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../k8s/object.js';
import { parseManifestText } from '../../k8s/parse.js';
import { buildIndex } from './analyze.js';
import { connContainedIn } from './conn.js';
import { connectionList } from './connlist.js';
import { generateCluster } from './generate.js';
import { loadReachManifests } from './load.js';
import { summarize } from './summary.js';

/** The summary must give exactly what the pairwise engine gives, per port atom too. */
function agree(objects: readonly K8sObject[]) {
  const index = buildIndex(objects, []);
  const pairs = connectionList(index).filter((c) => c.src.ep.kind === 'pod' && c.dst.ep.kind === 'pod');
  const s = summarize(index);
  expect(s.connectedPairs).toBe(pairs.length);
  expect(s.allConnectionsPairs).toBe(pairs.filter(isAllText).length);
  // Each atom's count, from the pairwise answers.
  for (const b of s.byPorts) {
    const n = pairs.filter((c) => connContainedIn(b.conn, c.conn)).length;
    expect([b.ports, n]).toEqual([b.ports, b.pairs]);
  }
  return { s, pairs: pairs.length };
}

const isAllText = (c: { conn: Parameters<typeof connContainedIn>[0] }) =>
  (['SCTP', 'TCP', 'UDP'] as const).every((p) => {
    const r = c.conn.ports[p];
    return r.length === 1 && r[0]![0] === 1 && r[0]![1] === 65535;
  });

describe('summary vs the pairwise engine', () => {
  it('agrees on generated clusters with named ports resolving differently', () => {
    const { s, pairs } = agree(generateCluster(12, 6, 4, 3));
    expect(pairs).toBeGreaterThan(0);
    expect(s.byPorts.length).toBeGreaterThan(1);
    expect(s.allConnectionsPairs).toBeLessThan(s.connectedPairs);
  });
  it('counts pairs inside a class of identical workloads', () => {
    const pod = (name: string) =>
      `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: a, labels: {app: x}}\nspec: {containers: [{name: c, image: i}]}\n`;
    const text = pod('p1') + pod('p2') + pod('p3');
    const { s } = agree(parseManifestText(text, 't.yaml').objects);
    expect([s.classes, s.workloads, s.connectedPairs]).toEqual([1, 3, 6]);
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const corpus = join(here, '../../../test/fixtures/audit/netpol');
  for (const c of readdirSync(corpus).sort()) {
    if (!existsSync(join(corpus, c, 'manifests'))) continue;
    it(`agrees on ${c}`, () => {
      agree(loadReachManifests([join(corpus, c, 'manifests')]).objects);
    });
  }
});
