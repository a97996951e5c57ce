import { copyFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Features } from './features.js';

/** test/fixtures/procfs, located from this file (tests run from the sources). */
const fixtureRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'procfs');

export const FIXTURES = fixtureRoot;
export const NE_PROC = join(fixtureRoot, 'node_exporter', 'proc');
export const SUP_PROC = join(fixtureRoot, 'procfs_supplement', 'proc');

/** The files node_exporter's fixture lacks, which expected_features.json takes from the procfs supplement. */
const FROM_SUPPLEMENT = ['net/dev', 'net/tcp', 'net/tcp6'];

/**
 * expected_features.json's `flat` mixes two snapshots (NE, and SUP for the network tables): this builds the
 * one /proc tree it describes, node_exporter's fixture plus the supplement's net/dev, net/tcp and net/tcp6.
 */
export function mergedFixtureProc(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'vigil-procfs-')), 'proc');
  cpSync(NE_PROC, dir, { recursive: true });
  for (const f of FROM_SUPPLEMENT) copyFileSync(join(SUP_PROC, f), join(dir, f));
  return dir;
}

export function expectedFlat(): Features {
  const j = JSON.parse(readFileSync(join(fixtureRoot, 'expected_features.json'), 'utf8')) as {
    flat: Features;
  };
  return j.flat;
}
