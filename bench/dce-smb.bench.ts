import { EventCounts } from '../src/core/counters.js';
import { DceSession } from '../src/proto/dce/session.js';
import { concat, request } from '../src/proto/dce/testkit.js';
import { SmbSession } from '../src/proto/smb/session.js';
import { createReq, createResp, writeReq } from '../src/proto/smb/testkit.js';

export interface DceSmbBenchResult {
  /** SMB2: one file, 64 KiB writes, in 1460-byte segments. */
  smbMiBPerCpuSec: number;
  /** DCE/RPC: 1 KiB requests / 65,000-byte requests, in 1460-byte segments. */
  dceSmallMiBPerCpuSec: number;
  dceBigMiBPerCpuSec: number;
}

function cpuSeconds(fn: () => void): number {
  const t = process.cpuUsage();
  fn();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1e6;
}

function feedAll(stream: Uint8Array, feed: (b: Uint8Array, off: number, len: number) => void): void {
  for (let i = 0; i < stream.length; i += 1460) feed(stream, i, Math.min(1460, stream.length - i));
}

function mib(n: number): number {
  return n / 2 ** 20;
}

/** CPU throughput of the DCE/RPC and SMB parsers on synthetic streams (CPU time, not wall time). */
export function benchDceSmb(): DceSmbBenchResult {
  const data = new Array<number>(65536).fill(0x41);
  const writes = Array.from({ length: 400 }, (_, i) => writeReq(i + 2, 7, i * 65536, data));
  const smb = concat(createReq(1, 'bench.bin'), ...writes);
  const s = new SmbSession(new EventCounts());
  const sink = { smbFile: () => {} };
  s.feed(1, createResp(1, 7), 0, Infinity, sink);
  const smbCpu = cpuSeconds(() => feedAll(smb, (b, o, n) => s.feed(0, b, o, n, sink)));

  const dceSink = { dcePdu: () => {} };
  const small = concat(
    ...Array.from({ length: 5000 }, (_, i) => request(0, 15, data.slice(0, 1024), { callId: i })),
  );
  const d1 = new DceSession(new EventCounts());
  const smallCpu = cpuSeconds(() => feedAll(small, (b, o, n) => d1.feed(0, b, o, n, dceSink)));
  const big = concat(
    ...Array.from({ length: 100 }, (_, i) => request(0, 15, data.slice(0, 64976), { callId: i })),
  );
  const d2 = new DceSession(new EventCounts());
  const bigCpu = cpuSeconds(() => feedAll(big, (b, o, n) => d2.feed(0, b, o, n, dceSink)));
  return {
    smbMiBPerCpuSec: mib(smb.length) / smbCpu,
    dceSmallMiBPerCpuSec: mib(small.length) / smallCpu,
    dceBigMiBPerCpuSec: mib(big.length) / bigCpu,
  };
}
