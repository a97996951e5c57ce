import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { EventCounts } from '../../core/counters.js';
import { appChunks } from '../testkit-pcap.js';
import { readZeekLog, zeekValue } from '../testkit-zeek.js';
import type { SslLogRecord } from './record.js';
import { TlsSession } from './session.js';
import { SslStateBit, SslVersionBit } from './state.js';
import { clientHelloMsg, record, serverHelloMsg, sniExt } from './testkit.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../../test/fixtures/${p}`, import.meta.url));

function runTls(
  pcap: string,
  fingerprints = true,
): { recs: SslLogRecord[]; sessions: TlsSession[]; events: EventCounts } {
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
      s = new TlsSession(events, fingerprints);
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

describe('TlsSession: SSLv2-format ClientHello', () => {
  it('takes the offered version and client_hello state from it, then parses the TLS records after it', () => {
    const events = new EventCounts();
    const s = new TlsSession(events);
    const sink = { ssl: () => undefined };
    // SSLv2 record: length 0x001c, CLIENT-HELLO (1), version 3.2 (TLS 1.1), cipher-specs 3, session-id 0, challenge 16.
    const v2 = [0x80, 0x1c, 0x01, 0x03, 0x02, 0x00, 0x03, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x04];
    const hello = Uint8Array.from([...v2, ...new Array<number>(16).fill(7)]);
    const alert = [0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28];
    s.feed(0, hello, 0, 10, 1, sink); // split inside the record: waits for the rest
    expect(s.state.versionBits).toBe(0);
    s.feed(
      0,
      Uint8Array.from([...hello.subarray(10), ...alert]),
      0,
      hello.length - 10 + alert.length,
      1,
      sink,
    );
    expect(s.state.versionBits).toBe(SslVersionBit.TLS1_1 | SslVersionBit.TLS1_0); // hello, then the alert
    expect(s.state.stateBits & SslStateBit.CLIENT_HELLO).toBe(SslStateBit.CLIENT_HELLO);
    expect(events.get('SSL_not_tls')).toBe(0);
  });

  it('still rejects a high-bit first byte that is not a CLIENT-HELLO', () => {
    const events = new EventCounts();
    const s = new TlsSession(events);
    s.feed(0, Uint8Array.from([0x80, 0x1b, 0x04, 0, 0, 0, 0, 0]), 0, 8, 1, { ssl: () => undefined });
    expect(s.state.versionBits).toBe(0);
    expect(events.get('SSL_not_tls')).toBe(1);
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

describe('TlsSession without fingerprints (runs that write no ssl.log)', () => {
  it('leaves ja3/ja3s/ja4/ja4s unset and changes nothing else: state, events, every other field', () => {
    const pcap = fixture('sample/traffic-seed1-head.pcap');
    const full = runTls(pcap);
    const bare = runTls(pcap, false);
    expect(full.recs.some((r) => r.ja3 !== null && r.ja4s !== null)).toBe(true);
    const strip = (r: SslLogRecord) => ({ ...r, ja3: null, ja3s: null, ja4: null, ja4s: null });
    expect(bare.recs).toEqual(full.recs.map(strip));
    expect(bare.sessions.map((s) => s.state)).toEqual(full.sessions.map((s) => s.state));
    expect(bare.events.toJSON()).toEqual(full.events.toJSON());
  });
});

describe('TlsSession: records split across feeds', () => {
  it('gives the same ssl.log records and state whatever the feed sizes (ciphertext is skipped, not held)', () => {
    const whole = runTls(fixture('sample/traffic-seed1-head.pcap'));
    for (const piece of [1, 7, 300]) {
      const events = new EventCounts();
      const sessions = new Map<number, TlsSession>();
      const all: TlsSession[] = [];
      const recs: SslLogRecord[] = [];
      const sink = { ssl: (r: SslLogRecord) => recs.push(r) };
      for (const c of appChunks(fixture('sample/traffic-seed1-head.pcap'))) {
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
        for (let i = 0; i < c.data.length; i += piece)
          s.feed(c.dir, c.data, i, Math.min(piece, c.data.length - i), c.ts, sink);
      }
      expect(JSON.stringify(recs)).toBe(JSON.stringify(whole.recs));
      expect(all.map((s) => s.state)).toEqual(whole.sessions.map((s) => s.state));
      expect(events.toJSON()).toEqual(whole.events.toJSON());
    }
  });

  it('an application-data record spanning feeds is followed by the next record as usual', () => {
    const s = new TlsSession(new EventCounts());
    const sink = { ssl: () => undefined };
    const app = Uint8Array.from([23, 3, 3, 0, 10, ...new Array<number>(10).fill(0xee)]);
    const alert = Uint8Array.from([21, 3, 1, 0, 2, 2, 40]);
    s.feed(0, app, 0, 8, 1, sink);
    expect(s.state.versionBits).toBe(0); // not complete yet
    const rest = Uint8Array.from([...app.subarray(8), ...alert]);
    s.feed(0, rest, 0, rest.length, 1, sink);
    expect(s.state.versionBits).toBe(SslVersionBit.TLS1_2 | SslVersionBit.TLS1_0);
  });
});

describe('TlsSession: stop of inspection on encrypted sessions (Snort ssl inspector)', () => {
  const sink = { ssl: () => undefined };
  const hs = (msgs: number[][], version = 0x0303) => record(22, msgs.flat(), version);
  const msg = (type: number, body: number[] = []) => [type, 0, 0, body.length, ...body];
  // record version = hello version: what Snort's decoder calls clean (see the last test for the usual 1.0/1.2)
  const ch = hs([clientHelloMsg({ ciphers: [0xc02f], exts: [sniExt('a.test')] })], 0x0303);
  const sh12 = hs([
    serverHelloMsg({ cipher: 0xc02f, exts: [] }),
    msg(11, [0, 0, 0]),
    msg(12, [3, 0, 23, 1, 4]),
    msg(14), // ServerHelloDone
  ]);
  const cke = (ccs = true) =>
    Uint8Array.from([
      ...hs([msg(16, [1, 4])]),
      ...(ccs ? [...record(20, [1], 0x0303), ...record(22, new Array<number>(40).fill(0x55), 0x0303)] : []),
    ]);
  const serverFinish = Uint8Array.from([
    ...record(20, [1], 0x0303),
    ...record(22, new Array<number>(40).fill(0x66), 0x0303),
  ]);
  const app = (n = 64, fill = 0xab) => record(23, new Array<number>(n).fill(fill), 0x0303);
  const alert = record(21, [1, 0], 0x0303);
  /** A clean TLS 1.2 full handshake, one chunk per flight. */
  const full = (): [0 | 1, Uint8Array][] => [
    [0, ch],
    [1, sh12],
    [0, cke()],
    [1, serverFinish],
  ];

  function session(chunks: [0 | 1, Uint8Array][], midstream = false): boolean[] {
    const s = new TlsSession(new EventCounts());
    return chunks.map(([dir, b]) => {
      s.feed(dir, b, 0, b.length, 1, sink, midstream);
      return s.stopInspection;
    });
  }

  it('TLS 1.2 full handshake: stops at the first chunk of only application data once both sides sent some', () => {
    expect(
      session([
        ...full(),
        [0, app()], // the client's request is still inspected
        [1, app()], // the server's answer is not, nor anything after it
        [0, app()],
      ]),
    ).toEqual([false, false, false, false, false, true, true]);
  });

  it('a chunk with a handshake or alert record besides application data does not stop it', () => {
    const mixed = Uint8Array.from([...app(), ...hs([msg(0)])]);
    expect(session([...full(), [0, app()], [1, mixed], [1, app()]])).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it("an alert forgets the peer's application data, as Snort's flags do", () => {
    const alertThenApp = Uint8Array.from([...alert]);
    expect(
      session([
        ...full(),
        [1, app()],
        [0, alertThenApp], // clears the server's application-data flag
        [0, app()],
        [1, app()],
      ]),
    ).toEqual([false, false, false, false, false, false, false, true]);
  });

  it('application data split across chunks counts in the chunk holding its header and in the rest', () => {
    const a = app(300);
    expect(session([...full(), [0, app()], [1, a.subarray(0, 20)], [1, a.subarray(20)]])).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('TLS 1.3 and sessions without a ServerHelloDone in the clear are inspected to the end', () => {
    const sh13 = hs([serverHelloMsg({ cipher: 0x1301, exts: [[0, 43, 0, 2, 3, 4]] })]);
    const enc = record(23, new Array<number>(80).fill(0x77), 0x0303);
    expect(
      session([
        [0, ch],
        [1, Uint8Array.from([...sh13, ...record(20, [1], 0x0303), ...enc])],
        [0, enc],
        [1, app()],
        [0, app()],
      ]),
    ).toEqual([false, false, false, false, false]);
    // resumed TLS 1.2: ServerHello, CCS, Finished — no ServerHelloDone, no ClientKeyExchange
    const resumed = Uint8Array.from([...hs([serverHelloMsg({ cipher: 0xc02f, exts: [] })]), ...serverFinish]);
    expect(
      session([
        [0, ch],
        [1, resumed],
        [0, serverFinish],
        [0, app()],
        [1, app()],
      ]),
    ).toEqual([false, false, false, false, false]);
  });

  it('a flow picked up midstream stops once both sides sent application data', () => {
    const talk: [0 | 1, Uint8Array][] = [0, 1, 0].map((d) => [d as 0 | 1, app()]);
    expect(session(talk, true)).toEqual([false, true, true]);
    expect(session(talk, false)).toEqual([false, false, false]);
  });

  it('a ClientHello whose version differs from its record version keeps the session inspected (not clean)', () => {
    const ch10 = hs([clientHelloMsg({ ciphers: [0xc02f], exts: [sniExt('a.test')] })], 0x0301);
    const chunks: [0 | 1, Uint8Array][] = [
      [0, ch10],
      [1, sh12],
      [0, cke()],
      [1, serverFinish],
      [0, app()],
      [1, app()],
    ];
    expect(session(chunks)).toEqual([false, false, false, false, false, false]);
  });

  it('a handshake message from the wrong side keeps the session inspected', () => {
    const bogus = hs([msg(14)]); // ServerHelloDone sent by the client
    expect(
      session([
        [0, ch],
        [1, sh12],
        [0, bogus],
        [0, cke()],
        [1, serverFinish],
        [0, app()],
        [1, app()],
      ]),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it('a direction that is not TLS keeps the session inspected', () => {
    const junk = Uint8Array.from(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'));
    expect(
      session([
        [0, ch],
        [1, sh12],
        [0, cke()],
        [1, junk],
        [0, app()],
        [1, app()],
      ]),
    ).toEqual([false, false, false, false, false, false]);
  });
});
