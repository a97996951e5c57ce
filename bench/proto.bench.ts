import { join } from 'node:path';
import { EventCounts } from '../src/core/counters.js';
import { parseDnsMessage } from '../src/proto/dns/message.js';
import { appChunks } from '../src/proto/testkit-pcap.js';
import { TlsSession } from '../src/proto/tls/session.js';
import { ROOT } from './root.js';

/** A typical recursive answer: `example.com A`, a CNAME and two A records, compressed names. */
const DNS_RESPONSE = Uint8Array.from([
  0x12,
  0x34,
  0x81,
  0x80,
  0,
  1,
  0,
  3,
  0,
  0,
  0,
  0,
  7,
  ...Buffer.from('example'),
  3,
  ...Buffer.from('com'),
  0,
  0,
  1,
  0,
  1,
  0xc0,
  12,
  0,
  5,
  0,
  1,
  0,
  0,
  1,
  0,
  0,
  6,
  3,
  ...Buffer.from('www'),
  0xc0,
  12,
  0xc0,
  41,
  0,
  1,
  0,
  1,
  0,
  0,
  1,
  0,
  0,
  4,
  93,
  184,
  216,
  34,
  0xc0,
  41,
  0,
  1,
  0,
  1,
  0,
  0,
  1,
  0,
  0,
  4,
  93,
  184,
  216,
  35,
]);

/** DNS messages parsed per second, and TLS handshake bytes (the sample capture's TCP streams) per second. */
export function benchDnsTls(seconds = 1): { dnsMsgsPerSec: number; tlsMbPerSec: number } {
  const events = new EventCounts();
  let n = 0;
  let t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    for (let i = 0; i < 1000; i++) parseDnsMessage(DNS_RESPONSE, 0, DNS_RESPONSE.length, events);
    n += 1000;
  }
  const dnsMsgsPerSec = n / ((performance.now() - t0) / 1000);

  const chunks = appChunks(join(ROOT, 'test/fixtures/sample/traffic-seed1-head.pcap')).filter(
    (c) => c.kind === 'tcp' && c.serverPort === 443,
  );
  const sink = { ssl: () => {} };
  let bytes = 0;
  t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const sessions = new Map<number, TlsSession>();
    for (const c of chunks) {
      let s = sessions.get(c.flow);
      if (s === undefined) sessions.set(c.flow, (s = new TlsSession(events)));
      s.feed(c.dir, c.data, 0, c.data.length, c.ts, sink);
      bytes += c.data.length;
    }
  }
  const tlsMbPerSec = bytes / 1e6 / ((performance.now() - t0) / 1000);
  return { dnsMsgsPerSec, tlsMbPerSec };
}
