import { Command, Option } from 'commander';
import { VigilError } from '../core/errors.js';
import { openLogs } from '../logs/log-set.js';
import { DEFAULT_EVENT_QUEUE } from '../pipeline/event-queue.js';
import { runSingle } from '../pipeline/run-single.js';
import { runSharded, startShards } from '../pipeline/run-sharded.js';
import type { IdsConfig } from '../pipeline/ids-config.js';
import { addFlowOptions, flowFlags, threadCount } from './run-flags.js';
import { formatSummary } from './format-summary.js';
import { errorText, exitCodeOf } from './exit.js';

interface LogsFlags {
  read?: string;
  dir?: string;
  format: string;
  quiet?: boolean;
  statsJson?: string;
  threads: string;
  maxFlows?: string;
}

/** `vigil logs`: Zeek-style protocol logs from a capture, without rules. */
export function logsCommand(setExit: (code: number) => void): Command {
  return addFlowOptions(new Command('logs'))
    .description('write Zeek-style logs (conn, dns, http, ssl, ssh, weird) for a capture')
    .option('-r, --read <pcap>', 'capture file to read (pcap or pcapng)')
    .option('-d, --dir <dir>', 'directory for the log files (created if missing)')
    .addOption(
      new Option('--format <format>', 'Zeek TSV with # headers, or JSON lines')
        .choices(['tsv', 'json'])
        .default('tsv'),
    )
    .option('-z, --threads <n>', 'threads (flows sharded by a symmetric hash; one set of log files)', '1')
    .option('-q, --quiet', 'no summary on stderr')
    .option('--stats-json <file>', 'write the run statistics as JSON')
    .action(async (f: LogsFlags) => setExit(await runLogs(f)));
}

async function runLogs(f: LogsFlags): Promise<number> {
  try {
    if (!f.read) throw new VigilError('E_USAGE', 'no input: give -r PCAP');
    if (!f.dir) throw new VigilError('E_USAGE', 'no output directory: give -d DIR');
    const threads = threadCount(f.threads);
    const format = f.format === 'json' ? 'json' : 'tsv';
    const flow = flowFlags(f);
    const logs = openLogs(f.dir, format);
    const cfg: IdsConfig = {
      rulePaths: [],
      vars: {},
      flow,
      eventQueue: DEFAULT_EVENT_QUEUE,
      detect: false,
    };
    const none = () => undefined;
    const result =
      threads === 1
        ? await runSingle(f.read, null, cfg, none, undefined, logs)
        : await runSharded(
            f.read,
            null,
            cfg,
            threads,
            none,
            undefined,
            startShards(cfg, threads, none, format),
            logs,
          );
    const peakRssKB = process.resourceUsage().maxRSS;
    if (!f.quiet) process.stderr.write(formatSummary(result, { loaded: 0, failed: 0 }, threads, peakRssKB));
    if (f.statsJson) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(
        f.statsJson,
        JSON.stringify({ ...result, error: result.error?.message ?? null, threads, peakRssKB }, null, 2),
      );
    }
    if (result.error) {
      process.stderr.write(`vigil logs: ${f.read}: ${result.error.message}\n`);
      return exitCodeOf(result.error);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`vigil logs: ${errorText(err)}\n`);
    return exitCodeOf(err);
  }
}
