import { hostname } from 'node:os';
import { Command } from 'commander';
import { VigilError } from '../core/errors.js';
import { createAgent, type AgentSetup } from '../agent/setup.js';
import { resolveToken } from '../core/token-file.js';
import type { Agent } from '../agent/agent.js';
import { errorText, exitCodeOf } from './exit.js';
import { samplerRoots } from './metrics.js';
import { parseVarFlags } from '../rules/vars.js';
import { addFlowOptions, flowFlags } from './run-flags.js';

export interface AgentFlags {
  server?: string;
  token?: string;
  tokenFile?: string;
  interface?: string;
  filter?: string;
  pcap?: string;
  rules: string[];
  var: string[];
  interval?: string;
  node?: string;
  spoolDir: string;
  spoolMaxBytes: string;
  procfs?: string;
  sysfs?: string;
  rootfs?: string;
  pods?: string;
  kubeconfig?: string;
  inCluster?: boolean;
  netns?: string;
  drainSeconds: string;
  maxFlows?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/** Flags shared by `vigil agent` and `vigil up`. */
export function addCaptureOptions(c: Command): Command {
  return addFlowOptions(c)
    .option(
      '-i, --interface <patterns>',
      'interfaces to capture: a name or a comma list with * wildcards (cali*,veth*,eth0)',
    )
    .option('--filter <bpf>', 'BPF capture filter passed to tcpdump')
    .option('--pcap <file>', 'replay this capture instead of capturing live')
    .option(
      '-R, --rules <path>',
      'rules file or directory (repeatable; default: the bundled community rules)',
      collect,
      [],
    )
    .option('--var <NAME=value>', 'set a rule variable (repeatable)', collect, [])
    .option('--interval <seconds>', 'sampling and shipping period (env INTERVAL; default 10)')
    .option('--netns <name>', 'capture inside this named network namespace (ip netns)');
}

export function agentCommand(setExit: (code: number) => void): Command {
  return addCaptureOptions(
    new Command('agent')
      .description(
        'capture, detect, log and sample metrics on this node; ship to a Vigil server with a disk spool',
      )
      .option('--server <url>', 'Vigil server URL, e.g. http://vigil:7700 (env VIGIL_SERVER)')
      .option('--token <token>', 'API token (or --token-file, or env VIGIL_TOKEN)')
      .option('--token-file <file>', 'file holding the API token (first non-comment line)'),
  )
    .option(
      '--node <name>',
      'node name on every sample and alert (default: env NODE_NAME, else the hostname)',
    )
    .option('--spool-dir <dir>', 'where batches wait for delivery', '.vigil/spool')
    .option('--spool-max-bytes <n>', 'spool bound in bytes', String(256 * 1024 * 1024))
    .option('--procfs <dir>', 'procfs root (env HOST_PROC; default /proc)')
    .option('--sysfs <dir>', 'sysfs root (env HOST_SYS; default /sys)')
    .option('--rootfs <dir>', 'filesystem for disk_av_per (env HOST_ROOT)')
    .option('--pods <file>', 'a recorded PodList (JSON or YAML) for pod identity')
    .option('--kubeconfig <file>', 'kubeconfig for the live Pod list (pod identity)')
    .option('--in-cluster', 'use the in-cluster service account for the live Pod list')
    .option('--drain-seconds <n>', 'at exit, how long to keep trying to deliver the spool', '5')
    .action(async (f: AgentFlags) => setExit(await runAgent(f)));
}

export function intervalMs(flag: string | undefined, env: Record<string, string | undefined>): number {
  const v = flag ?? env['INTERVAL'] ?? '10';
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400)
    throw new VigilError('E_USAGE', `--interval/INTERVAL expects seconds in (0, 86400], got "${v}"`);
  return n * 1000;
}

function positive(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new VigilError('E_USAGE', `${flag} expects a non-negative number, got "${v}"`);
  return n;
}

/** Resolves on the first SIGINT/SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on).off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on).on('SIGTERM', on);
  });
}

const log = (msg: string) => process.stderr.write(`vigil agent: ${msg}\n`);

async function runAgent(f: AgentFlags): Promise<number> {
  let agent: Agent | null = null;
  try {
    const env = process.env;
    const server = f.server ?? env['VIGIL_SERVER'];
    if (server === undefined)
      throw new VigilError('E_USAGE', 'no server: give --server URL (or VIGIL_SERVER)');
    try {
      new URL(server);
    } catch {
      throw new VigilError('E_USAGE', `--server: "${server}" is not a URL`);
    }
    const setup: AgentSetup = {
      server,
      token: resolveToken(f.token, f.tokenFile, env['VIGIL_TOKEN']),
      node: f.node ?? env['NODE_NAME'] ?? hostname(),
      intervalMs: intervalMs(f.interval, env),
      spoolDir: f.spoolDir,
      spoolMaxBytes: positive(f.spoolMaxBytes, '--spool-max-bytes'),
      rules: f.rules,
      vars: parseVarFlags(f.var),
      flow: flowFlags(f),
      pcap: f.pcap ?? null,
      iface: f.interface ?? null,
      metrics: samplerRoots(f, env),
      log,
      ...(f.filter !== undefined ? { filter: f.filter } : {}),
      ...(f.netns !== undefined ? { netns: f.netns } : {}),
      ...(f.pods !== undefined ? { pods: f.pods } : {}),
      ...(f.kubeconfig !== undefined || f.inCluster === true
        ? {
            kube: {
              ...(f.kubeconfig !== undefined ? { kubeconfig: f.kubeconfig } : {}),
              inCluster: f.inCluster === true,
            },
          }
        : {}),
    };
    const signal = untilSignal();
    const built = await createAgent(setup);
    agent = built.agent;
    agent.start();
    log(
      `node ${setup.node} shipping to ${server} every ${setup.intervalMs / 1000} s (spool ${setup.spoolDir})`,
    );
    const sig = await signal;
    log(`${sig}: stopping capture, flushing, delivering what is spooled`);
    await agent.stop(positive(f.drainSeconds, '--drain-seconds') * 1000);
    built.identity.stop();
    return 0;
  } catch (err) {
    if (agent !== null) await agent.stop(0).catch(() => undefined);
    log(errorText(err));
    return exitCodeOf(err);
  }
}
