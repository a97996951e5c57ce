import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4, tcp } from '../../src/packet/testkit.js';
import { pcapFile } from '../../src/packet/testkit-capture.js';
import { FIXTURES, vigil } from './run-cli.js';

type Row = Record<string, string>;

/** Rows of every `*.log` in `dir` (Zeek TSV), by file name. */
function readLogs(dir: string): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.log'))) {
    let fields: string[] = [];
    const rows: Row[] = [];
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (line.startsWith('#fields\t')) fields = line.split('\t').slice(1);
      if (line === '' || line.startsWith('#')) continue;
      const v = line.split('\t');
      rows.push(Object.fromEntries(fields.map((k, i) => [k, v[i]!])));
    }
    out[f] = rows;
  }
  return out;
}

/**
 * The logs with uids replaced by what they name (threads draw uids from seeds of their own): a row's own
 * uid is dropped, `tunnel_parents` become the carriers' tuples; rows are sorted.
 */
function canonical(dir: string): Record<string, string[]> {
  const logs = readLogs(dir);
  const tuple = new Map<string, string>();
  for (const r of [...(logs['conn.log'] ?? []), ...(logs['tunnel.log'] ?? [])])
    tuple.set(r['uid']!, `${r['id.orig_h']}:${r['id.orig_p']}>${r['id.resp_h']}:${r['id.resp_p']}`);
  const out: Record<string, string[]> = {};
  for (const [f, rows] of Object.entries(logs)) {
    out[f] = rows
      .map((r) => {
        const c: Row = { ...r };
        delete c['uid'];
        const tp = c['tunnel_parents'];
        if (tp !== undefined && tp !== '-' && tp !== '(empty)')
          c['tunnel_parents'] = tp
            .split(',')
            .map((u) => tuple.get(u) ?? `unknown ${u}`)
            .sort()
            .join(',');
        return JSON.stringify(Object.entries(c).sort());
      })
      .sort();
  }
  return out;
}

describe('vigil ids -z N --logs: one set of logs from every thread', () => {
  const pcap = join(FIXTURES, 'sample', 'traffic-seed1-head.pcap');
  const rules = join(FIXTURES, 'rules');
  /** `vigil ids` on the sample capture without alerts, with `extra` flags. */
  const ids = (...extra: string[]) => vigil(['ids', '-q', '-r', pcap, '-R', rules, '-A', 'none', ...extra]);

  it.each([2, 3])('-z %i writes the same conn, dns, http, ssl and weird rows as one thread', (z) => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-logs-z-'));
    const one = ids('--logs', join(dir, 'one'));
    expect(one.status, one.stderr).toBe(0);
    const many = ids('-z', String(z), '--logs', join(dir, 'many'));
    expect(many.status, many.stderr).toBe(0);
    const a = canonical(join(dir, 'one'));
    const b = canonical(join(dir, 'many'));
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const f of ['conn.log', 'dns.log', 'http.log', 'ssl.log'])
      expect(a[f]!.length, f).toBeGreaterThan(0);
    for (const f of Object.keys(a)) expect(b[f], f).toEqual(a[f]);
    // uids stay unique over the threads
    const uids = readLogs(join(dir, 'many'))['conn.log']!.map((r) => r['uid']);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('JSON logs from every thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-logs-zj-'));
    const r = ids('-z', '2', '--logs', dir, '--log-format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const conn = readFileSync(join(dir, 'conn.log'), 'utf8').trim().split('\n');
    const one = mkdtempSync(join(tmpdir(), 'vigil-logs-zj1-'));
    vigil(['logs', '-q', '-r', pcap, '-d', one]);
    const tsvRows = readLogs(one)['conn.log']!.length;
    expect(conn.length).toBe(tsvRows);
    for (const line of conn) expect(JSON.parse(line)).toHaveProperty('uid');
  });
});

describe('vigil logs -z N: bad input', () => {
  it('rejects a thread count out of range (exit 64) and ends on a missing capture (exit 74)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-logs-zbad-'));
    const bad = vigil(['logs', '-r', join(dir, 'x.pcap'), '-d', dir, '-z', '0']);
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/-z expects a thread count/);
    const missing = vigil(['logs', '-r', join(dir, 'missing.pcap'), '-d', join(dir, 'out'), '-z', '2'], {
      timeoutMs: 30_000,
    });
    expect(missing.status).toBe(74);
    expect(missing.stderr).toMatch(/cannot open capture/);
  });
});

describe('weird.log: events raised when a flow ends belong to that flow', () => {
  it('a request cut short is reported on its own connection, not on the packet being processed', () => {
    const frames: Uint8Array[] = [];
    const seg = (
      c: string,
      s: string,
      cp: number,
      sp: number,
      seq: number,
      ack: number,
      flags: number,
      text = '',
    ) =>
      frames.push(
        ethernet(
          0x0800,
          ipv4({
            src: c,
            dst: s,
            proto: 6,
            payload: tcp({
              sport: cp,
              dport: sp,
              seq,
              ack,
              flags,
              payload: [...Buffer.from(text, 'latin1')],
            }),
          }),
        ),
      );
    // A: an HTTP POST that promises 100 body bytes and sends 5, then nothing more.
    const post = 'POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nhello';
    seg('10.5.0.1', '10.5.0.2', 41000, 80, 100, 0, 0x02);
    seg('10.5.0.2', '10.5.0.1', 80, 41000, 900, 101, 0x12);
    seg('10.5.0.1', '10.5.0.2', 41000, 80, 101, 901, 0x10);
    seg('10.5.0.1', '10.5.0.2', 41000, 80, 101, 901, 0x18, post);
    seg('10.5.0.2', '10.5.0.1', 80, 41000, 901, 101 + post.length, 0x10);
    // B: another connection whose packet is the last of the capture.
    seg('10.5.0.3', '10.5.0.4', 42000, 8080, 500, 0, 0x02);
    const dir = mkdtempSync(join(tmpdir(), 'vigil-weird-end-'));
    writeFileSync(
      join(dir, 'cut.pcap'),
      pcapFile(frames.map((data, i) => ({ data, tsSec: 1_700_000_000 + i }))),
    );
    const r = vigil(['logs', '-q', '-r', join(dir, 'cut.pcap'), '-d', join(dir, 'logs')]);
    expect(r.status, r.stderr).toBe(0);
    const weird = readLogs(join(dir, 'logs'))['weird.log']!.filter(
      (w) => w['name'] === 'HTTP_truncated_message',
    );
    expect(weird).toHaveLength(1);
    // at the time of the connection's last packet (the 5th record), not of the capture's last one
    expect(weird[0]).toMatchObject({
      ts: '1700000004.000000',
      'id.orig_h': '10.5.0.1',
      'id.orig_p': '41000',
      'id.resp_p': '80',
    });
    const conn = readLogs(join(dir, 'logs'))['conn.log']!.find((c) => c['id.orig_p'] === '41000');
    expect(weird[0]!['uid']).toBe(conn!['uid']);
  });
});
