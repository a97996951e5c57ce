import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../core/counters.js';
import { parseDnsMessage } from './dns/message.js';
import { DnsSession } from './dns/session.js';
import { identifyService } from './service.js';
import { SshSession } from './ssh/session.js';
import { TlsSession } from './tls/session.js';
import { parseCertificate } from './tls/x509.js';
import { clientHelloMsg, record, sniExt } from './tls/testkit.js';

const bytes = fc.uint8Array({ minLength: 0, maxLength: 600 });
const sink = { dns: () => {}, ssl: () => {}, ssh: () => {} };

/** A valid TLS ClientHello record: truncations and mutations of it reach deep into the parser. */
const hello = record(22, clientHelloMsg({ ciphers: [0x1301, 0xc02f], exts: [sniExt('a.test')] }));

describe('proto parsers never throw on hostile input', () => {
  it('DNS: random bytes, as datagrams and as TCP streams in random chunks', () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: 1, max: 50 }), (b, chunk) => {
        const ev = new EventCounts();
        parseDnsMessage(b, 0, b.length, ev);
        const s = new DnsSession('tcp', 53, ev);
        for (let i = 0; i < b.length; i += chunk) s.feedStream(0, b, i, chunk, 1, sink);
        s.end(sink);
        new DnsSession('udp', 137, ev).feedDatagram(0, b, 0, b.length, 1, sink);
      }),
      { numRuns: 2000 },
    );
  });

  it('DNS: every truncation and single-byte mutation of a real response', () => {
    const base = Uint8Array.from([
      0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0x61, 0, 0, 1, 0, 1, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0,
      9, 0, 4, 1, 2, 3, 4,
    ]);
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(base.length - 1), fc.nat(255), (cut, at, v) => {
        const m = base.slice();
        m[at] = v;
        parseDnsMessage(m, 0, cut, new EventCounts());
      }),
      { numRuns: 3000 },
    );
  });

  it('TLS: random and mutated records in random chunks; memory held stays bounded', () => {
    fc.assert(
      fc.property(
        bytes,
        fc.nat(hello.length),
        fc.nat(hello.length - 1),
        fc.nat(255),
        fc.integer({ min: 1, max: 64 }),
        (b, cut, at, v, chunk) => {
          const s = new TlsSession(new EventCounts());
          const m = hello.slice(0, cut);
          if (at < m.length) m[at] = v;
          for (const input of [m, b])
            for (let i = 0; i < input.length; i += chunk) s.feed(0, input, i, chunk, 1, sink);
          s.end(sink);
          parseCertificate(b);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('TLS: a record header promising 16 KiB holds at most one record of bytes', () => {
    const s = new TlsSession(new EventCounts());
    const hdr = Uint8Array.from([23, 3, 3, 0x40, 0]);
    s.feed(0, hdr, 0, 5, 1, sink);
    const junk = new Uint8Array(1000);
    for (let i = 0; i < 16; i++) s.feed(0, junk, 0, junk.length, 1, sink);
    // Application data is skipped as it arrives: nothing of it is held.
    const held = (s as unknown as { dirs: { rec: Uint8Array | null }[] }).dirs[0]!.rec;
    expect(held?.length ?? 0).toBeLessThanOrEqual(5 + 16384);
  });

  it('SSH and service identification: random bytes', () => {
    fc.assert(
      fc.property(bytes, bytes, fc.integer({ min: 1, max: 40 }), (a, b, chunk) => {
        const s = new SshSession(new EventCounts());
        const withBanner = Uint8Array.from([...Buffer.from('SSH-2.0-x\r\n'), ...a]);
        for (let i = 0; i < withBanner.length; i += chunk) s.feed(0, withBanner, i, chunk, 1);
        s.feed(1, b, 0, b.length, 1);
        s.end(sink);
        identifyService(6, 1, 2, a, b);
        identifyService(17, 1, 2, a, b);
      }),
      { numRuns: 1000 },
    );
  });
});
