import { EventCounts } from '../core/counters.js';
import { FlowEngine } from '../flow/engine.js';
import { mkPkt, type PktSpec } from '../flow/test-packets.js';
import { IpProto, type Packet } from '../packet/packet.js';
import { ConnTracker, type ConnRecord, type ConnTrackerOptions } from './conn.js';

/** Test support: a packet whose IP and TCP/UDP headers carry real lengths (mkPkt leaves them zero). */
export function realPkt(spec: PktSpec & { win?: number }): Packet {
  const p = mkPkt(spec);
  const v6 = p.ipVer === 6;
  p.ipHdrLen = v6 ? 40 : 20;
  const l4 = p.proto === IpProto.TCP ? 20 : 8;
  p.tcpHdrLen = p.proto === IpProto.TCP ? 20 : 0;
  p.l4Off = p.ipHdrLen;
  const total = p.ipHdrLen + l4 + p.payLen;
  const d = new Uint8Array(total);
  d.set(p.data.subarray(p.payOff, p.payOff + p.payLen), p.ipHdrLen + l4);
  if (v6) {
    d[4] = (total - 40) >> 8;
    d[5] = (total - 40) & 0xff;
  } else {
    d[2] = total >> 8;
    d[3] = total & 0xff;
  }
  if (p.proto === IpProto.UDP) {
    d[p.l4Off + 4] = (8 + p.payLen) >> 8;
    d[p.l4Off + 5] = (8 + p.payLen) & 0xff;
  }
  p.data = d;
  p.ipLen = total;
  p.payOff = p.ipHdrLen + l4;
  p.win = spec.win ?? 65535;
  p.tsUsec = Math.round(((spec.ts ?? 1) % 1) * 1e6);
  p.tsSec = Math.floor(spec.ts ?? 1);
  return p;
}

/** Test support: flow engine + ConnTracker; `send` packets, `end()` closes every flow and returns the records. */
export function connHarness(opts: ConnTrackerOptions = {}) {
  const out: ConnRecord[] = [];
  const tracker = new ConnTracker({ ...opts, onRecord: (r) => out.push(r) });
  const flows = new FlowEngine({}, new EventCounts(), {
    onPdu() {},
    onFlowEnd(f) {
      const r = tracker.onEnd(f);
      if (r !== null) out.push(r);
    },
  });
  return {
    tracker,
    send(spec: PktSpec & { win?: number }) {
      const p = realPkt(spec);
      const f = flows.process(p);
      if (f !== null) tracker.onPacket(f, flows.dir, p);
    },
    end(): ConnRecord[] {
      flows.closeAll();
      return out;
    },
  };
}
