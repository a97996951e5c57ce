import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { EventCounts } from '../../core/counters.js';
import { appChunks } from '../testkit-pcap.js';
import { interval, readZeekLog, zeekValue } from '../testkit-zeek.js';
import type { DnsLogRecord } from './record.js';
import { DnsSession } from './session.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../../test/fixtures/zeek/${p}`, import.meta.url));

/** The fields Vigil fills, as Zeek prints them (ts and uid aside). */
const FIELDS = [
  'proto',
  'trans_id',
  'rtt',
  'query',
  'qclass',
  'qclass_name',
  'qtype',
  'qtype_name',
  'rcode',
  'rcode_name',
  'AA',
  'TC',
  'RD',
  'RA',
  'Z',
  'answers',
  'TTLs',
  'rejected',
  'opcode',
  'opcode_name',
] as const;

function row(r: DnsLogRecord, ports: string): string {
  const vals = FIELDS.map((f) => {
    if (f === 'rtt') return interval(r.rtt);
    if (f === 'TTLs') return r.TTLs === null ? '-' : r.TTLs.map((t) => t.toFixed(6)).join(',');
    return zeekValue(r[f]);
  });
  return `${ports}\t${vals.join('\t')}`;
}

function runDns(pcap: string): { rows: string[]; events: EventCounts } {
  const events = new EventCounts();
  const sessions = new Map<number, { s: DnsSession; ports: string }>();
  const rows: string[] = [];
  for (const c of appChunks(pcap)) {
    let e = sessions.get(c.flow);
    if (c.kind === 'end') {
      if (e !== undefined) e.s.end({ dns: (r) => rows.push(row(r, e!.ports)) });
      sessions.delete(c.flow);
      continue;
    }
    if (e === undefined) {
      e = { s: new DnsSession(c.kind, c.serverPort, events), ports: `${c.clientPort}\t${c.serverPort}` };
      sessions.set(c.flow, e);
    }
    const sink = { dns: (r: DnsLogRecord) => rows.push(row(r, e!.ports)) };
    if (c.kind === 'udp') e.s.feedDatagram(c.dir, c.data, 0, c.data.length, c.ts, sink);
    else e.s.feedStream(c.dir, c.data, 0, c.data.length, c.ts, sink);
  }
  return { rows, events };
}

function expected(log: string): string[] {
  return readZeekLog(log).map(
    (r) => `${r['id.orig_p']}\t${r['id.resp_p']}\t${FIELDS.map((f) => r[f]).join('\t')}`,
  );
}

describe('DnsSession against Zeek dns.log baselines', () => {
  it('opt.basic (wikipedia.pcap): mDNS, LLMNR, NetBIOS and unicast DNS, same rows', () => {
    const { rows } = runDns(fixture('opt.basic/wikipedia.pcap'));
    expect(rows.slice().sort()).toEqual(expected(fixture('opt.basic/dns.log')).sort());
  });

  it('core.tunnels.gre-over-udp: DNS inside GRE-over-UDP', () => {
    const { rows } = runDns(fixture('core.tunnels.gre-over-udp/gre-over-udp-4754.pcap'));
    expect(rows.slice().sort()).toEqual(expected(fixture('core.tunnels.gre-over-udp/dns.log')).sort());
  });
});
