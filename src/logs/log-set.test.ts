import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogs, openLogs, RowCollector } from './log-set.js';
import type { TunnelRecord } from './streams/tunnel.js';
import type { WeirdRecord } from './streams/weird.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'vigil-logs-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const weird: WeirdRecord = {
  ts: 12.5,
  uid: null,
  'id.orig_h': null,
  'id.orig_p': null,
  'id.resp_h': null,
  'id.resp_p': null,
  name: 'DNS_truncated_len_lt_hdr_len',
  addl: null,
  notice: false,
  peer: null,
  source: 'DNS',
  community_id: null,
};

const tunnel: TunnelRecord = {
  ts: 1,
  uid: 'C1',
  'id.orig_h': '10.0.0.1',
  'id.orig_p': 4789,
  'id.resp_h': '10.0.0.2',
  'id.resp_p': 4789,
  tunnel_type: 'Tunnel::VXLAN',
  action: 'Tunnel::DISCOVER',
  community_id: '1:x',
};

describe('openLogs', () => {
  it('creates the contract streams at open and writes rows, trailer on close (TSV)', () => {
    const dir = join(tmp(), 'out');
    const logs = openLogs(dir, 'tsv', { now: () => new Date(0), bufferBytes: 16 });
    logs.write('weird', weird);
    logs.close();
    logs.close();
    expect(readdirSync(dir).sort()).toEqual(['conn.log', 'dns.log', 'http.log', 'ssl.log', 'weird.log']);
    const lines = readFileSync(join(dir, 'weird.log'), 'utf8').split('\n');
    expect(lines[4]).toBe('#path\tweird');
    expect(lines[8]).toBe('12.500000\t-\t-\t-\t-\t-\tDNS_truncated_len_lt_hdr_len\t-\tF\t-\tDNS\t-');
    expect(lines[9]).toBe('#close\t1970-01-01-00-00-00');
    expect(readFileSync(join(dir, 'conn.log'), 'utf8').split('\n')).toHaveLength(10);
    expect(() => logs.write('weird', weird)).toThrow(/after close/);
  });

  it('writes JSON lines with no header', () => {
    const dir = tmp();
    const logs = openLogs(dir, 'json', { eager: [] });
    logs.write('weird', weird);
    logs.write('weird', { ...weird, name: 'x' });
    logs.close();
    expect(readdirSync(dir)).toEqual(['weird.log']);
    const rows = readFileSync(join(dir, 'weird.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as object);
    expect(rows).toEqual([
      { ts: 12.5, name: 'DNS_truncated_len_lt_hdr_len', notice: false, source: 'DNS' },
      { ts: 12.5, name: 'x', notice: false, source: 'DNS' },
    ]);
  });

  it.each(['tsv', 'json'] as const)(
    'rows rendered by a RowCollector (another thread) and appended with writeRows equal written records (%s)',
    (format) => {
      const direct = join(tmp(), 'direct');
      const a = openLogs(direct, format, { now: () => new Date(0) });
      const viaRows = join(tmp(), 'rows');
      const b = openLogs(viaRows, format, { now: () => new Date(0) });
      const rows = new RowCollector(format);
      for (let i = 0; i < 3; i++) {
        const rec = { ...tunnel, ts: i, uid: `C${i}` };
        a.write('tunnel', rec);
        rows.write('tunnel', rec);
        const w = { ...weird, ts: i, name: `w${i}` };
        a.write('weird', w);
        rows.write('weird', w);
      }
      const taken = rows.take();
      expect(taken.text.map(([s]) => s)).toEqual(['tunnel']);
      // Weirds cross as records: whether each is logged is decided where every thread's rows meet.
      expect(taken.weirds.map((w) => w.name)).toEqual(['w0', 'w1', 'w2']);
      expect(rows.take()).toEqual({ text: [], weirds: [] });
      for (const [s, text] of taken.text) b.writeRows(s, text);
      for (const w of taken.weirds) b.write('weird', w);
      a.close();
      b.close();
      for (const f of readdirSync(direct))
        expect(readFileSync(join(viaRows, f), 'utf8'), f).toBe(readFileSync(join(direct, f), 'utf8'));
      expect(() => b.writeRows('weird', 'x\n')).toThrow(/after close/);
    },
  );

  it('reports an unwritable directory as an I/O error', () => {
    const file = join(tmp(), 'f');
    writeFileSync(file, '');
    expect(() => openLogs(join(file, 'sub'))).toThrow(expect.objectContaining({ code: 'E_IO' }));
  });

  it('MemoryLogs keeps records per stream', () => {
    const m = new MemoryLogs();
    m.write('weird', weird);
    expect(m.records.weird).toEqual([weird]);
    expect(m.records.conn).toEqual([]);
  });
});
