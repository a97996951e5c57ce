import { KubeConfig } from '@kubernetes/client-node';
import { join } from 'node:path';
import { VigilError, formatDiagnostic } from '../core/errors.js';
import { identityFromFile, liveIdentity, type PodIdentityMap } from '../k8s/identity.js';
import { kubeConfig } from '../k8s/live.js';
import { MetricsSampler } from '../metrics/sampler.js';
import { buildEngine } from '../pipeline/build-engine.js';
import { DEFAULT_EVENT_QUEUE } from '../pipeline/event-queue.js';
import type { IdsConfig } from '../pipeline/ids-config.js';
import { Agent } from './agent.js';
import { captureProblem, captureUser, checkFilter } from './capture-check.js';
import type { CaptureSetOptions } from './capture-set.js';
import { IdentitySource } from './identity-source.js';
import { listNetnsInterfaces, listSysfsInterfaces, parsePatterns } from './ifaces.js';
import { Spool } from './spool.js';
import { packageRoot } from '../core/package-root.js';
import { selfTrafficFilter, withSelfClause } from './self-filter.js';
import type { FlowConfig } from '../flow/config.js';

/** Everything `vigil agent` and `vigil up` decide from flags and environment. */
export interface AgentSetup {
  server: string;
  token: string;
  node: string;
  intervalMs: number;
  spoolDir: string;
  spoolMaxBytes: number;
  /** Rule files/directories; empty = the bundled community rules. */
  rules: string[];
  vars?: Record<string, string>;
  /** Flow table settings (`--max-flows`); absent: the defaults. */
  flow?: Partial<FlowConfig>;
  /** Replay this file instead of capturing. */
  pcap: string | null;
  /** `-i` patterns; null = every interface that is up and not loopback. */
  iface: string | null;
  filter?: string;
  /** Capture inside this named network namespace. */
  netns?: string;
  /** tcpdump binary. */
  tcpdump?: string;
  /** Sampler roots; null = no metrics. */
  metrics: { procfs: string; sysfs: string; rootfs?: string } | null;
  /** A recorded PodList (JSON/YAML); else `kube` for a live cluster; neither = no pod identity. */
  pods?: string;
  kube?: { kubeconfig?: string; inCluster?: boolean };
  log: (msg: string) => void;
  /** Size of a batch (items) before the interval is up. */
  batchItems?: number;
}

/** The bundled Snort 3 community rules. */
export function bundledRules(): string {
  return join(packageRoot(), 'rules', 'snort3-community');
}

function identityLoader(s: AgentSetup): { load: (() => Promise<PodIdentityMap>) | null; periodic: boolean } {
  if (s.pods !== undefined) {
    const path = s.pods;
    return {
      periodic: false,
      load: () => {
        const r = identityFromFile(path);
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0)
          throw new VigilError('E_CONFIG', `--pods ${path}: ${errors.map(formatDiagnostic).join('; ')}`);
        return Promise.resolve(r.map);
      },
    };
  }
  if (s.kube === undefined) return { load: null, periodic: false };
  const k = s.kube;
  return {
    periodic: true,
    load: async () => {
      let kc: KubeConfig;
      if (k.kubeconfig !== undefined) {
        kc = new KubeConfig();
        kc.loadFromFile(k.kubeconfig);
      } else kc = kubeConfig(k.inCluster === true ? { inCluster: true } : {});
      return liveIdentity(kc);
    },
  };
}

/** Decide how to capture: live helpers, or null with the reason (logged; metrics go on). */
function captureOptions(s: AgentSetup): CaptureSetOptions | null {
  if (s.pcap !== null) return null;
  const problem = captureProblem(s.tcpdump ?? 'tcpdump', s.netns);
  if (problem !== null) {
    s.log(
      `capture: live capture is off: ${problem}. Metrics are still sampled; replay a capture with --pcap FILE.`,
    );
    return null;
  }
  if (s.filter !== undefined) checkFilter(s.filter, s.tcpdump ?? 'tcpdump'); // the user's, named alone
  const self = selfTrafficFilter(s.server);
  s.log(`capture: ${self.note}`);
  const filter = withSelfClause(s.filter, self.clause);
  checkFilter(filter, s.tcpdump ?? 'tcpdump');
  const netns = s.netns;
  return {
    patterns: s.iface === null ? null : parsePatterns(s.iface),
    user: captureUser(),
    list: netns === undefined ? () => listSysfsInterfaces() : () => listNetnsInterfaces(netns),
    filter,
    ...(netns !== undefined ? { netns } : {}),
    ...(s.tcpdump !== undefined ? { tcpdump: s.tcpdump } : {}),
  };
}

/** Load rules, open the spool, pick capture and identity sources, and build the (not yet started) agent. */
export async function createAgent(s: AgentSetup): Promise<{ agent: Agent; identity: IdentitySource }> {
  if (s.iface !== null) parsePatterns(s.iface); // bad patterns are usage errors before anything starts
  const ids: IdsConfig = {
    rulePaths: s.rules.length > 0 ? s.rules : [bundledRules()],
    vars: s.vars ?? {},
    flow: s.flow ?? {},
    eventQueue: DEFAULT_EVENT_QUEUE,
  };
  const capture = captureOptions(s);
  const built = await buildEngine(ids);
  const errors = built.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    s.log(
      `rules: ${errors.length} rules failed to load and are skipped (vigil ids --rules-check -R … lists them)`,
    );
  if (built.engine.loaded === 0)
    throw new VigilError('E_RULES', `no rule loaded from ${ids.rulePaths.join(', ')}`);
  const texts = new Map<string, string>();
  for (const r of built.engine.rules) texts.set(`${r.rule.gid}:${r.rule.sid}`, r.rule.text);
  const spool = await Spool.open(s.spoolDir, s.spoolMaxBytes, s.node);
  if (spool.stats.partialRemoved > 0)
    s.log(`spool: removed ${spool.stats.partialRemoved} half-written batch files left by a stopped run`);
  const idl = identityLoader(s);
  const identity = new IdentitySource(idl.load, s.log);
  await identity.start(idl.periodic);
  const agent = new Agent({
    node: s.node,
    intervalMs: s.intervalMs,
    spool,
    ship: { server: s.server, token: s.token },
    engine: built.engine,
    ids,
    ruleText: (gid, sid) => texts.get(`${gid}:${sid}`) ?? null,
    identity,
    sampler: s.metrics === null ? null : new MetricsSampler(s.metrics),
    capture,
    pcap: s.pcap,
    log: s.log,
    ...(s.batchItems !== undefined ? { batch: { maxItems: s.batchItems } } : {}),
  });
  return { agent, identity };
}
