import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { EventCounts } from '../../core/counters.js';
import { appChunks } from '../testkit-pcap.js';
import { readZeekLog, zeekValue } from '../testkit-zeek.js';
import type { SslLogRecord } from './record.js';
import { TlsSession } from './session.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../../test/fixtures/${p}`, import.meta.url));

function runTls(pcap: string): { recs: SslLogRecord[]; sessions: TlsSession[]; events: EventCounts } {
  const events = new EventCounts();
  const sessions = new Map<number, TlsSession>();
  const all: TlsSession[] = [];
  const recs: SslLogRecord[] = [];
  const sink = { ssl: (r: SslLogRecord) => recs.push(r) };
  for (const c of appChunks(pcap)) {
    if (c.kind === 'udp') continue;
    let s = sessions.get(c.flow);
    if (c.kind === 'end') {
      s?.end(sink);
      sessions.delete(c.flow);
      continue;
    }
    if (s === undefined) {
      s = new TlsSession(events);
      sessions.set(c.flow, s);
      all.push(s);
    }
    s.feed(c.dir, c.data, 0, c.data.length, c.ts, sink);
  }
  return { recs, sessions: all, events };
}

const SSL_FIELDS = [
  'version',
  'cipher',
  'curve',
  'server_name',
  'resumed',
  'last_alert',
  'next_protocol',
  'established',
  'ssl_history',
  'cert_chain_fps',
  'client_cert_chain_fps',
  'sni_matches_cert',
] as const;

describe('TlsSession against Zeek baselines', () => {
  const { recs } = runTls(fixture('zeek/scripts.base.protocols.ssl.basic/tls-conn-with-extensions.pcap'));

  it('ssl.log: every field Zeek logs, same values', () => {
    const want = readZeekLog(fixture('zeek/scripts.base.protocols.ssl.basic/ssl.log'));
    expect(recs.length).toBe(want.length);
    for (const f of SSL_FIELDS) expect([f, zeekValue(recs[0]![f])]).toEqual([f, want[0]![f]]);
  });

  it('x509.log: subject, issuer, serial, validity, key and SAN of each certificate', () => {
    const want = readZeekLog(fixture('zeek/scripts.base.protocols.ssl.basic/x509.log'));
    const certs = recs[0]!.certs;
    expect(certs.length).toBe(want.length);
    certs.forEach((c, i) => {
      const w = want[i]!;
      expect(c.fingerprint).toBe(w['fingerprint']);
      expect(String(c.version)).toBe(w['certificate.version']);
      expect(c.serial).toBe(w['certificate.serial']);
      expect(c.subject).toBe(w['certificate.subject']);
      expect(c.issuer).toBe(w['certificate.issuer']);
      expect(c.not_valid_before?.toFixed(6)).toBe(w['certificate.not_valid_before']);
      expect(c.not_valid_after?.toFixed(6)).toBe(w['certificate.not_valid_after']);
      expect(c.key_alg).toBe(w['certificate.key_alg']);
      expect(c.sig_alg).toBe(w['certificate.sig_alg']);
      expect(zeekValue(c.key_type)).toBe(w['certificate.key_type']);
      expect(zeekValue(c.key_length)).toBe(w['certificate.key_length']);
      expect(zeekValue(c.exponent)).toBe(w['certificate.exponent']);
      expect(zeekValue(c.curve)).toBe(w['certificate.curve']);
      expect(c.san_dns.length === 0 ? '-' : c.san_dns.join(',')).toBe(w['san.dns']);
      expect(zeekValue(c.basic_constraints_ca)).toBe(w['basic_constraints.ca']);
    });
  });

  it('JA3 of the ClientHello and JA3S of the ServerHello', () => {
    expect(recs[0]!.ja3).toMatch(/^[0-9a-f]{32}$/);
    expect(recs[0]!.ja3s).toMatch(/^[0-9a-f]{32}$/);
    expect(recs[0]!.ja4).toMatch(/^t10d\d{4}00_[0-9a-f]{12}_[0-9a-f]{12}$/);
  });
});

describe('TlsSession on the sample traffic', () => {
  it('parses TLS 1.2 and 1.3 sessions of traffic-seed1-head.pcap', () => {
    const { recs } = runTls(fixture('sample/traffic-seed1-head.pcap'));
    const versions = new Set(recs.map((r) => r.version));
    expect(recs.length).toBeGreaterThan(0);
    expect(versions).toEqual(new Set(['TLSv12', 'TLSv13']));
    const v13 = recs.find((r) => r.version === 'TLSv13')!;
    expect(v13.ssl_history).toBe('CsiI');
    expect(v13.established).toBe(true);
    expect(v13.ja4s).toMatch(/^t1302\d\d_130[123]_[0-9a-f]{12}$/);
    const v12 = recs.find((r) => r.version === 'TLSv12')!;
    expect(v12.ssl_history).toBe('CsxknGIi');
    expect(v12.server_name).toMatch(/vigil\.test$/);
  });
});
