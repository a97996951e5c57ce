/**
 * Test support: application payloads of a capture file, in order, per flow — UDP datagrams as they
 * arrive and TCP bytes as the flow engine reassembles them. Tests drive proto/ sessions from this.
 */
import { readFileSync } from 'node:fs';
import { EventCounts } from '../core/counters.js';
import { CaptureReader } from '../packet/capture-reader.js';
import { Decoder } from '../packet/decode.js';
import { IpProto, Packet } from '../packet/packet.js';
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
