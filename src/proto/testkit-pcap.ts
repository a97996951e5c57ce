/**
 * Test support: application payloads of a capture file. `appChunks` — in order, per flow, UDP datagrams as
 * they arrive and TCP bytes as the flow engine reassembles them (tests drive proto/ sessions from this);
 * `tcpConversations` — each TCP connection's whole payload per direction, reassembled naively and
 * independently of the flow engine (the Zeek golden tests use it).
 */
import { readFileSync } from 'node:fs';
import { EventCounts } from '../core/counters.js';
import { CaptureReader } from '../packet/capture-reader.js';
import { Decoder } from '../packet/decode.js';
import { IpProto, Packet, TcpFlag } from '../packet/packet.js';
import { FlowEngine } from '../flow/engine.js';
import type { Dir, Flow } from '../flow/flow.js';

export interface AppChunk {
  kind: 'udp' | 'tcp' | 'end';
  flow: number;
  dir: Dir;
  data: Uint8Array;
  /** Seconds (float). */
  ts: number;
  clientPort: number;
  serverPort: number;
}

export function appChunks(path: string): AppChunk[] {
  const out: AppChunk[] = [];
  const events = new EventCounts();
  const base = (f: Flow) => ({ flow: f.id, clientPort: f.clientPort, serverPort: f.serverPort });
  const engine = new FlowEngine({}, events, {
    onPdu(flow, dir, data, start, end, pkt) {
      const ts = pkt.tsSec + pkt.tsUsec / 1e6;
      out.push({ kind: 'tcp', dir, data: data.slice(start, end), ts, ...base(flow) });
    },
    onFlowEnd(flow) {
      out.push({ kind: 'end', dir: 0, data: new Uint8Array(0), ts: 0, ...base(flow) });
    },
  });
  const reader = new CaptureReader();
  reader.push(readFileSync(path));
  const decoder = new Decoder(events);
  const pkt = new Packet();
  let n = 0;
  for (let rec = reader.next(); rec !== null; rec = reader.next()) {
    if (!decoder.decode(rec, ++n, pkt)) continue;
    const f = engine.process(pkt);
    if (f === null || pkt.proto !== IpProto.UDP || pkt.payLen === 0) continue;
    out.push({
      kind: 'udp',
      dir: engine.dir,
      data: pkt.data.slice(pkt.payOff, pkt.payOff + pkt.payLen),
      ts: pkt.tsSec + pkt.tsUsec / 1e6,
      ...base(f),
    });
  }
  engine.closeAll();
  return out;
}

/** Test support: one TCP connection's in-order payload per direction (0 = the SYN sender / first talker). */
export interface TcpConversation {
  key: string;
  /** Client and server as `address:port` (IPv4 dotted, IPv6 as 8 hex groups). */
  orig: string;
  resp: string;
  /** A SYN was seen (Zeek does not run application analyzers on connections picked up midstream). */
  syn: boolean;
  streams: [Uint8Array, Uint8Array];
}

interface Seg {
  seq: number;
  data: Uint8Array;
}

/**
 * Extracts TCP payloads per connection from a capture, ordered by sequence number with retransmitted
 * bytes dropped. Naive (no window or RST handling): enough to feed recorded test traffic to a parser.
 */
export function tcpConversations(path: string): TcpConversation[] {
  const reader = new CaptureReader();
  reader.push(readFileSync(path));
  const dec = new Decoder(new EventCounts());
  const pkt = new Packet();
  const conns = new Map<string, { dirs: Map<string, Seg[]>; first: string; isn: Map<string, number> }>();
  for (let rec = reader.next(), n = 1; rec !== null; rec = reader.next(), n++) {
    if (!dec.decode(rec, n, pkt) || pkt.proto !== IpProto.TCP) continue;
    const a = `${addr(pkt.src, pkt.ipVer)}:${pkt.sport}`;
    const b = `${addr(pkt.dst, pkt.ipVer)}:${pkt.dport}`;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let c = conns.get(key);
    if (c === undefined) {
      c = { dirs: new Map(), first: a, isn: new Map() };
      conns.set(key, c);
    }
    if ((pkt.tcpFlags & TcpFlag.SYN) !== 0 && (pkt.tcpFlags & TcpFlag.ACK) === 0) c.first = a;
    if ((pkt.tcpFlags & TcpFlag.SYN) !== 0) c.isn.set(a, (pkt.seq + 1) >>> 0);
    if (pkt.payLen === 0) continue;
    const segs = c.dirs.get(a) ?? [];
    segs.push({ seq: pkt.seq, data: pkt.data.slice(pkt.payOff, pkt.payOff + pkt.payLen) });
    c.dirs.set(a, segs);
  }
  reader.end();
  const out: TcpConversation[] = [];
  for (const [key, c] of conns) {
    const other = key.split('|').find((x) => x !== c.first) ?? '';
    out.push({
      key,
      orig: c.first,
      resp: other,
      syn: c.isn.size > 0,
      streams: [
        join(c.dirs.get(c.first) ?? [], c.isn.get(c.first)),
        join(c.dirs.get(other) ?? [], c.isn.get(other)),
      ],
    });
  }
  return out;
}

function addr(a: Uint8Array, ver: number): string {
  if (ver === 4) return `${a[0]}.${a[1]}.${a[2]}.${a[3]}`;
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((a[i]! << 8) | a[i + 1]!).toString(16));
  return g.join(':');
}

function join(segs: Seg[], isn: number | undefined): Uint8Array {
  if (segs.length === 0) return new Uint8Array(0);
  const base = isn ?? segs[0]!.seq;
  const rel = segs.map((s) => ({ off: (s.seq - base) | 0, data: s.data })).sort((x, y) => x.off - y.off);
  const parts: Uint8Array[] = [];
  let next = rel[0]!.off;
  for (const s of rel) {
    const end = s.off + s.data.length;
    if (end <= next) continue;
    parts.push(s.data.subarray(Math.max(0, next - s.off)));
    next = end;
  }
  return Buffer.concat(parts);
}
