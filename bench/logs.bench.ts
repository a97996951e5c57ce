import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventCounts } from '../src/core/counters.js';
import { FlowEngine } from '../src/flow/engine.js';
import { ConnTracker } from '../src/logs/conn.js';
import { openLogs } from '../src/logs/log-set.js';
import { Decoder } from '../src/packet/decode.js';
import { forEachCaptureRecord } from '../src/packet/file-source.js';
import { Packet } from '../src/packet/packet.js';

export interface ConnLogBenchResult {
  packets: number;
  conns: number;
  /** decode + flow table (no reassembly), the floor. */
  flowSeconds: number;
  /** the same plus ConnTracker and conn.log written as Zeek TSV. */
  connSeconds: number;
  /** Packets per second with conn.log on. */
  pps: number;
}

async function run(
  pcap: string,
  withConn: boolean,
): Promise<{ packets: number; conns: number; seconds: number }> {
  const events = new EventCounts();
  const dir = mkdtempSync(join(tmpdir(), 'vigil-logs-bench-'));
  const logs = withConn ? openLogs(dir, 'tsv') : null;
  const tracker = new ConnTracker({ onRecord: (r) => logs?.write('conn', r) });
  let conns = 0;
  const flows = new FlowEngine({ reassemble: false }, events, {
    onPdu() {},
    onFlowEnd(f) {
      if (logs === null) return;
      const r = tracker.onEnd(f);
      if (r !== null) {
        conns++;
        logs.write('conn', r);
      }
    },
  });
  const decoder = new Decoder(events);
  const pkt = new Packet();
  let packets = 0;
  let last = 0;
  const t0 = process.hrtime.bigint();
  await forEachCaptureRecord(pcap, (rec) => {
    packets++;
    if (rec.tsSec > last) {
      if (last !== 0) flows.expire(rec.tsSec);
      last = rec.tsSec;
    }
    if (!decoder.decode(rec, packets, pkt) || pkt.isFragment) return;
    const f = flows.process(pkt);
    if (f !== null && logs !== null) tracker.onPacket(f, flows.dir, pkt);
  });
  flows.closeAll();
  logs?.close();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  return { packets, conns, seconds };
}

/** Cost of conn.log (Zeek semantics, TSV to a temp dir) on top of decode + flow tracking. */
export async function benchConnLog(pcap: string): Promise<ConnLogBenchResult> {
  // A first pass warms the JIT and the page cache, so neither measured pass pays for it.
  await run(pcap, false);
  const base = await run(pcap, false);
  const conn = await run(pcap, true);
  return {
    packets: conn.packets,
    conns: conn.conns,
    flowSeconds: base.seconds,
    connSeconds: conn.seconds,
    pps: conn.packets / conn.seconds,
  };
}
