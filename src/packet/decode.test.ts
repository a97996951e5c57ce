import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../core/counters.js';
import { Decoder } from './decode.js';
import { readCaptureFile } from './file-source.js';
import { Packet } from './packet.js';
import { ipv4, tcp } from './testkit.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/pcap');

interface Summary {
  packets: number;
  ip: number;
  linktypes: Set<number>;
  tunnelled: number;
  protos: Record<number, number>;
  events: Record<string, number>;
  first: Packet | null;
}

async function decodeFile(name: string): Promise<Summary> {
  const counts = new EventCounts();
  const dec = new Decoder(counts);
  const pkt = new Packet();
  const s: Summary = {
    packets: 0,
    ip: 0,
    linktypes: new Set(),
    tunnelled: 0,
    protos: {},
    events: {},
    first: null,
  };
  for await (const rec of readCaptureFile(join(FIXTURES, name), 1000)) {
    s.packets++;
    s.linktypes.add(rec.linktype);
    if (!dec.decode(rec, s.packets, pkt)) continue;
    s.ip++;
    if (pkt.tunnelDepth > 0) s.tunnelled++;
    s.protos[pkt.proto] = (s.protos[pkt.proto] ?? 0) + 1;
    if (s.first === null) s.first = Object.assign(new Packet(), pkt);
  }
  s.events = counts.toJSON();
  return s;
}

describe('Decoder on real captures', () => {
  it('GRE over UDP 4754 (zeek): every packet decapsulated', async () => {
    const s = await decodeFile('zeek/gre-over-udp-4754.pcap');
    expect(s.packets).toBeGreaterThan(10);
    expect(s.ip).toBe(s.packets);
    expect(s.tunnelled).toBe(s.packets);
    expect(s.first).toMatchObject({ ipVer: 4, src4: 0xac110002, dst4: 0x01010101, proto: 17, dport: 53 });
    expect(s.events).toEqual({});
  });

  it('Linux SLL, raw IPv4, BSD null and Ethernet captures decode without events', async () => {
    for (const [name, lt] of [
      ['sv-smb-eicar-file.pcap', 113],
      ['sv-dcerpc-dcepayload-18.pcap', 228],
      ['sv-DetectEngineHttpRawUriTest02.pcap', 0],
      ['sv-tcp-fastopen-01.pcap', 1],
    ] as const) {
      const s = await decodeFile(name);
      expect([...s.linktypes]).toEqual([lt]);
      expect(s.ip, name).toBe(s.packets);
      expect(s.protos[6], name).toBe(s.packets);
      expect(s.events, name).toEqual({});
    }
  });

  it('ICMP echo id from suricata-verify detect-icmp-id-01', async () => {
    const s = await decodeFile('sv-detect-icmp-id-01.pcap');
    expect(s.first).toMatchObject({ icmpType: 8, icmpCode: 0, icmpId: 21781, icmpSeq: 0 });
  });
});

describe('Decoder.decodeIp', () => {
  it('decodes a rebuilt datagram at an offset and keeps capture fields and rebuilt', () => {
    const dec = new Decoder(new EventCounts());
    const pkt = new Packet();
    pkt.num = 12;
    pkt.tsSec = 99;
    pkt.rebuilt = true;
    const dgram = ipv4({ proto: 6, payload: tcp({ sport: 1, dport: 2, payload: [1, 2, 3] }) });
    const buf = new Uint8Array(dgram.length + 10);
    buf.set(dgram, 4);
    expect(dec.decodeIp(pkt, buf, 4, dgram.length)).toBe(true);
    expect(pkt).toMatchObject({
      num: 12,
      tsSec: 99,
      rebuilt: true,
      ipOff: 4,
      sport: 1,
      dport: 2,
      payOff: 44,
      payLen: 3,
    });
    expect(pkt.data).toBe(buf);
  });
});
