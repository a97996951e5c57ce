import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, jsonLines, vigil } from './run-cli.js';

interface Expected {
  pcap: string;
  rules: string;
  alerts: { sid: number; count: number; where?: Record<string, unknown> }[];
}

const DIR = join(FIXTURES, 'suricata-verify');

/**
 * Cases that need application-layer features Vigil does not have yet, each with its reason. They are run
 * and reported as skipped; every other case must give exactly the expected counts.
 */
const NOT_YET: Record<string, string> = {};

/** Suricata `where` fields that Vigil's JSON names differently. */
function matchesWhere(a: Record<string, unknown>, where: Record<string, unknown> | undefined): boolean {
  if (!where) return true;
  for (const [k, v] of Object.entries(where)) {
    if (k === 'pcap_cnt' && a['pkt_num'] !== v) return false;
    // alert.action "allowed" is every alert of a passive IDS.
  }
  return true;
}

const cases = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((d) => d.startsWith('sv__'))
      .sort()
  : [];

describe('suricata-verify expected alert counts', () => {
  it('has the cases', () => expect(cases.length).toBeGreaterThanOrEqual(16));
  for (const name of cases) {
    const run = NOT_YET[name] ? it.skip : it;
    run(name, () => {
      const exp = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Expected;
      // The expected counts are Suricata's, whose per-packet alert limit is 15 (detect.packet-alert-max).
      const args = [
        'ids',
        '-q',
        '-r',
        join(DIR, name, exp.pcap),
        '-R',
        join(DIR, name, exp.rules),
        '-A',
        'json',
      ];
      const r = vigil([...args, '--event-queue-log', '15', '--event-queue-max', '15']);
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.status).toBe(0);
      const alerts = jsonLines(r.stdout);
      for (const e of exp.alerts) {
        const n = alerts.filter((a) => a['sid'] === e.sid && matchesWhere(a, e.where)).length;
        expect({ sid: e.sid, count: n }).toEqual({ sid: e.sid, count: e.count });
      }
    });
  }
});
