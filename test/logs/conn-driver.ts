import { EventCounts } from '../../src/core/counters.js';
import { Defragmenter } from '../../src/flow/defrag.js';
import { FlowEngine } from '../../src/flow/engine.js';
import { ConnTracker, type ConnRecord, type ConnTrackerOptions } from '../../src/logs/conn.js';
import { Decoder } from '../../src/packet/decode.js';
import { readCaptureFile } from '../../src/packet/file-source.js';
import { Packet } from '../../src/packet/packet.js';

/**
 * Drive a ConnTracker from a capture the way the pipeline does: decode → defragment → flow engine, one
 * `onPacket` per tracked packet, `onEnd` from the flow engine's end-of-flow callback, all flows closed at
 * the end of the input.
 */
export async function connRecordsOf(path: string, opts: ConnTrackerOptions = {}): Promise<ConnRecord[]> {
  const out: ConnRecord[] = [];
  const events = new EventCounts();
  const tracker = new ConnTracker({ ...opts, onRecord: (r) => out.push(r) });
  const flows = new FlowEngine({}, events, {
    onPdu() {},
    onFlowEnd(flow) {
      const r = tracker.onEnd(flow);
      if (r !== null) out.push(r);
    },
  });
  const decoder = new Decoder(events);
  const defrag = new Defragmenter({}, events);
  const pkt = new Packet();
  const rebuilt = new Packet();
  const track = (p: Packet) => {
    const flow = flows.process(p);
    if (flow !== null) tracker.onPacket(flow, flows.dir, p);
  };
  let num = 0;
  let lastSec = 0;
  for await (const rec of readCaptureFile(path)) {
    num++;
    if (rec.tsSec > lastSec) {
      if (lastSec !== 0) flows.expire(rec.tsSec);
      lastSec = rec.tsSec;
    }
    if (!decoder.decode(rec, num, pkt)) continue;
    if (!pkt.isFragment) {
      track(pkt);
      continue;
    }
    const dg = defrag.insert(pkt);
    if (dg === null) continue;
    rebuilt.reset();
    rebuilt.num = pkt.num;
    rebuilt.tsSec = pkt.tsSec;
    rebuilt.tsUsec = pkt.tsUsec;
    if (decoder.decodeIp(rebuilt, dg, 0, dg.length)) track(rebuilt);
  }
  flows.closeAll();
  return out;
}
