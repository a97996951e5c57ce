import { Command, Option } from 'commander';
import { VigilError, formatDiagnostic } from '../core/errors.js';
import { analyzeReach } from '../audit/reach/analyze.js';
import { ipPeers, workloadPeers, type Peer } from '../audit/reach/connlist.js';
import { explainConnection } from '../audit/reach/explain.js';
import { exposureAnalysis } from '../audit/reach/exposure.js';
import { ReachFormats, isReachFormat } from '../audit/reach/formats.js';
import { loadReachManifests } from '../audit/reach/load.js';
import { parseIpv4 } from '../audit/reach/cidr.js';
import { errorText, exitCodeOf } from './exit.js';

export interface ReachFlags {
  file: string[];
  format: string;
  exposure?: boolean;
  explain?: string[];
  quiet?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function reachCommand(setExit: (code: number) => void): Command {
  return new Command('reach')
    .description('which workloads can reach which, from NetworkPolicies (netpol-analyzer connlist semantics)')
    .option('-f, --file <path>', 'manifest file or directory (repeatable; - for stdin)', collect, [])
    .addOption(
      new Option('--format <fmt>', 'output format').choices(Object.keys(ReachFormats)).default('txt'),
    )
    .option('--exposure', 'add exposure analysis: workloads not protected, and what they expose')
    .option(
      '--explain <peer...>',
      'explain SRC DST: the policies that allow or deny it (ns/name[Kind] or an IP)',
    )
    .option('-q, --quiet', 'no diagnostics on stderr')
    .action((flags: ReachFlags) =>
      setExit(
        runReach(
          flags,
          (s) => process.stdout.write(s),
          (s) => process.stderr.write(s),
        ),
      ),
    );
}

function findPeer(name: string, peers: readonly Peer[]): Peer {
  const ip = parseIpv4(name);
  const hit = peers.find((p) =>
    ip !== null
      ? p.ep.kind === 'ip' && p.ep.range[0] <= ip && ip <= p.ep.range[1]
      : p.name === name || p.name.startsWith(`${name}[`),
  );
  if (!hit) throw new VigilError('E_USAGE', `--explain: no workload or address "${name}"`);
  return hit;
}

/** The command without commander: returns the exit code. */
export function runReach(f: ReachFlags, out: (s: string) => void, err: (s: string) => void): number {
  try {
    if (f.file.length === 0) throw new VigilError('E_USAGE', 'no input: give -f FILE|DIR');
    if (!isReachFormat(f.format)) throw new VigilError('E_USAGE', `unknown format "${f.format}"`);
    const loaded = loadReachManifests(f.file);
    const r = analyzeReach(loaded.objects);
    if (!f.quiet) for (const d of [...loaded.diagnostics, ...r.diagnostics]) err(formatDiagnostic(d) + '\n');
    if (f.explain) {
      if (f.explain.length !== 2) throw new VigilError('E_USAGE', '--explain takes SRC DST');
      const peers = [
        ...workloadPeers(r.index),
        ...ipPeers(r.index, 'ingress'),
        ...ipPeers(r.index, 'egress'),
      ];
      out(explainConnection(r.index, findPeer(f.explain[0]!, peers), findPeer(f.explain[1]!, peers)));
      return 0;
    }
    const exposure = f.exposure ? exposureAnalysis(r.index) : null;
    out(ReachFormats[f.format]({ connections: r.connections, exposure }));
    return 0;
  } catch (e) {
    err(`vigil reach: ${errorText(e)}\n`);
    return exitCodeOf(e);
  }
}
