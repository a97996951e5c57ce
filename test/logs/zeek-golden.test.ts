import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tsvHeader, tsvRow } from '../../src/logs/format/tsv.js';
import { CONN_STREAM } from '../../src/logs/streams/conn.js';
import { LOG_STREAMS, type StreamName } from '../../src/logs/streams/registry.js';
import { compareZeekLogs, formatReport, parseZeekTsv, type ZeekLog } from '../zeek-golden.js';
import { connRecordsOf } from './conn-driver.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'zeek');

function baseline(dir: string, log: string): ZeekLog {
  return parseZeekTsv(readFileSync(join(FIX, dir, log), 'utf8'));
}

async function actualConnLog(dir: string, pcap: string): Promise<ZeekLog> {
  const recs = await connRecordsOf(join(FIX, dir, pcap));
  return parseZeekTsv(tsvHeader(CONN_STREAM, new Date(0)) + recs.map((r) => tsvRow(CONN_STREAM, r)).join(''));
}

// `service` comes from protocol identification, which the pipeline sets on the flow; it is compared in
// the end-to-end logs tests, not here.
const MASK = ['ts', 'uid', 'service'];

describe('conn.log semantics against Zeek baselines (ts, uid, service masked)', () => {
  const cases = [
    { dir: 'opt.basic', pcap: 'wikipedia.pcap' },
    { dir: 'scripts.base.protocols.ssh.http-port-22', pcap: 'http-single-conn-22.pcap' },
    { dir: 'core.tcp-padding', pcap: 'tcp-http-with-padding.pcap' },
  ];
  for (const c of cases) {
    it(c.dir, async () => {
      const expected = baseline(c.dir, 'conn.log');
      const r = compareZeekLogs(expected, await actualConnLog(c.dir, c.pcap), { ignore: MASK });
      expect(r.differing.length + r.missing.length + r.extra.length, formatReport(r)).toBe(0);
      expect(r.matched).toBe(expected.rows.length);
    });
  }

  it('core.tunnels.gre-over-udp: inner connections match; the tunnel itself is not a connection (NOTES.md)', async () => {
    const dir = 'core.tunnels.gre-over-udp';
    const expected = baseline(dir, 'conn.log');
    const actual = await actualConnLog(dir, 'gre-over-udp-4754.pcap');
    const r = compareZeekLogs(expected, actual, { ignore: [...MASK, 'tunnel_parents'] });
    expect(r.matched, formatReport(r)).toBe(2);
    expect(r.differing).toEqual([]);
    expect(r.extra).toEqual([]);
    // The four outer GRE-over-UDP flows (port 4754) that Zeek also logs.
    expect(r.missing.map((m) => `${m['id.resp_p']}/${m.proto}`)).toEqual(Array(4).fill('4754/udp'));
  });
});

describe('stream columns are Zeek’s, plus community_id', () => {
  const logs: [StreamName, string, string][] = [
    ['conn', 'opt.basic', 'conn.log'],
    ['dns', 'opt.basic', 'dns.log'],
    ['http', 'opt.basic', 'http.log'],
    ['ssl', 'scripts.base.protocols.ssl.basic', 'ssl.log'],
    ['x509', 'scripts.base.protocols.ssl.basic', 'x509.log'],
  ];
  it.each(logs)('%s', (name, dir, file) => {
    const b = baseline(dir, file);
    const s = LOG_STREAMS[name];
    const own = s.fields.filter((f) => f.name !== 'community_id');
    expect(own.map((f) => f.name)).toEqual(b.fields);
    expect(own.map((f) => f.type)).toEqual(b.types);
    expect(s.path).toBe(b.path);
  });
});

describe('golden diff helper', () => {
  it('reports differing fields, missing and extra rows', () => {
    const e = baseline('opt.basic', 'conn.log');
    const a: ZeekLog = { ...e, rows: e.rows.slice(1).map((r) => ({ ...r })) };
    a.rows[0]!.history = 'X';
    a.rows.push({ ...e.rows[2]!, 'id.orig_p': '1' });
    const r = compareZeekLogs(e, a);
    expect(r.matched).toBe(e.rows.length - 2);
    expect(r.differing).toHaveLength(1);
    expect(Object.keys(r.differing[0]!.fields)).toEqual(['history']);
    expect(r.missing).toHaveLength(1);
    expect(r.extra).toHaveLength(1);
  });
});
