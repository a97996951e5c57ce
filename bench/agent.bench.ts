import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgent } from '../src/agent/setup.js';
import { findCommunityRules } from './find-pcap.js';

/** What the child reports: its own CPU and peak RSS, so the receiver's work and other benches do not count. */
interface AgentBenchResult {
  packets: number;
  alerts: number;
  samples: number;
  delivered: number;
  wallSeconds: number;
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
  peakRssMB: number;
  startupCpuSeconds: number;
}

function line(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(46)} ${value}\n`);
}

/**
 * `vigil agent --pcap` in a child process, shipping to a local receiver that answers like the server:
 * replay through the full community ruleset, logs, metrics sampled every second, batches spooled to disk and
 * delivered. Prints the agent's CPU (user+system, from process.cpuUsage) and peak RSS.
 */
export async function benchAgent(pcap: string | null): Promise<void> {
  if (pcap === null) return line('agent', 'skipped: no benchmark capture');
  let batches = 0;
  const rx = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      batches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":1,"duplicate":false}');
    });
  });
  await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(rx.address() as AddressInfo).port}`;
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', pcap, url], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (b: Buffer) => (text += b.toString()));
      child.on('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`agent bench child exited ${code}`)),
      );
    });
    const r = JSON.parse(out) as AgentBenchResult;
    const cpu = r.cpuUserSeconds + r.cpuSystemSeconds;
    line(
      'agent replay + metrics + spool + ship',
      `CPU ${cpu.toFixed(2)} s (user ${r.cpuUserSeconds.toFixed(2)}, sys ${r.cpuSystemSeconds.toFixed(2)}, ` +
        `start-up ${r.startupCpuSeconds.toFixed(2)})  peak RSS ${r.peakRssMB.toFixed(0)} MB  ` +
        `${Math.round(r.packets / Math.max(1e-9, cpu - r.startupCpuSeconds))} pkt/CPU-s  ` +
        `alerts ${r.alerts}  batches ${r.delivered} (${batches} received)`,
    );
  } finally {
    rx.close();
  }
}

async function child(pcap: string, server: string): Promise<void> {
  const spoolDir = mkdtempSync(join(tmpdir(), 'vigil-agent-bench-'));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    const { agent } = await createAgent({
      server,
      token: 'bench',
      node: 'bench',
      intervalMs: 1000,
      spoolDir,
      spoolMaxBytes: 1 << 30,
      rules: [findCommunityRules()],
      pcap,
      iface: null,
      metrics: { procfs: '/proc', sysfs: '/sys' },
      log: () => undefined,
    });
    const startup = process.cpuUsage(c0);
    agent.start();
    await agent.replayDone;
    const st = await agent.stop(60_000);
    const cpu = process.cpuUsage(c0);
    const r: AgentBenchResult = {
      packets: st.packets,
      alerts: st.alerts,
      samples: st.samples,
      delivered: st.shipping.delivered,
      wallSeconds: (performance.now() - t0) / 1000,
      cpuUserSeconds: cpu.user / 1e6,
      cpuSystemSeconds: cpu.system / 1e6,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      startupCpuSeconds: (startup.user + startup.system) / 1e6,
    };
    process.stdout.write(JSON.stringify(r));
  } finally {
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
