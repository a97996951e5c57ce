import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, jsonLines, vigil } from './run-cli.js';

const SAMPLE = join(FIXTURES, 'sample', 'traffic-seed1-head.pcap');
const RULES = join(FIXTURES, 'rules', 'icmp.rules');

/** Byte offset of the record with 0-based index `n` in a little-endian classic pcap. */
function recordOffset(buf: Buffer, n: number): number {
  let off = 24;
  for (let i = 0; i < n; i++) off += 16 + buf.readUInt32LE(off + 8);
  return off;
}

describe('malformed captures end with a clear error after the alerts before them', () => {
  let dir: string;
  let whole: Buffer;
  let fullAlerts: Record<string, unknown>[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-malformed-'));
    whole = readFileSync(SAMPLE);
    const r = vigil(['ids', '-q', '-r', SAMPLE, '-R', RULES, '-A', 'json']);
    expect(r.status).toBe(0);
    fullAlerts = jsonLines(r.stdout);
    expect(fullAlerts.length).toBeGreaterThan(4);
  });

  it('truncated last record', () => {
    const cut = recordOffset(whole, 800) + 30;
    const f = join(dir, 'truncated.pcap');
    writeFileSync(f, whole.subarray(0, cut));
    const r = vigil(['ids', '-q', '-r', f, '-R', RULES, '-A', 'json']);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(new RegExp(`truncated.*byte offset ${recordOffset(whole, 800)}`, 'i'));
    const before = fullAlerts.filter((a) => (a['pkt_num'] as number) <= 800);
    expect(jsonLines(r.stdout)).toEqual(before);
  });

  it('bad magic', () => {
    const f = join(dir, 'magic.pcap');
    const b = Buffer.from(whole);
    b.writeUInt32LE(0x12345678, 0);
    writeFileSync(f, b);
    const r = vigil(['ids', '-q', '-r', f, '-R', RULES]);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/magic.*byte offset 0/i);
    expect(r.stdout).toBe('');
  });

  it('absurd record length', () => {
    const at = recordOffset(whole, 300);
    const f = join(dir, 'absurd.pcap');
    const b = Buffer.from(whole);
    b.writeUInt32LE(0x7fffffff, at + 8);
    writeFileSync(f, b);
    const r = vigil(['ids', '-q', '-r', f, '-R', RULES, '-A', 'json']);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(new RegExp(`byte offset ${at}`));
    expect(jsonLines(r.stdout)).toEqual(fullAlerts.filter((a) => (a['pkt_num'] as number) < 301));
  });

  it('with worker threads too: bad input ends the run and its workers, with the same errors', () => {
    const b = Buffer.from(whole);
    b.writeUInt32LE(0x12345678, 0);
    const f = join(dir, 'magic-z2.pcap');
    writeFileSync(f, b);
    // These used to leave the workers running and the process waiting for them.
    const bad = vigil(['ids', '-q', '-z', '2', '-r', f, '-R', RULES], { timeoutMs: 60_000 });
    expect(bad.status).toBe(65);
    expect(bad.stderr).toMatch(/magic.*byte offset 0/i);
    const missing = vigil(['ids', '-q', '-z', '2', '-r', join(dir, 'no-such.pcap'), '-R', RULES], {
      timeoutMs: 60_000,
    });
    expect(missing.status).toBe(74);
    expect(missing.stderr).toMatch(/cannot open capture/);
  });
});
