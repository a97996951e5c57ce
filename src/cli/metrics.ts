import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command, Option } from 'commander';
import { VigilError } from '../core/errors.js';
import { MetricsFormats, isMetricsFormatName, type MetricsFormat } from '../metrics/formats/registry.js';
import { MetricsSampler } from '../metrics/sampler.js';
import { errorText, exitCodeOf } from './exit.js';

export interface MetricsFlags {
  procfs?: string;
  sysfs?: string;
  rootfs?: string;
  format: string;
  watch?: boolean;
  interval?: string;
  count?: string;
  quiet?: boolean;
}

export interface MetricsIO {
  out: (s: string) => void;
  err: (s: string) => void;
  env: Record<string, string | undefined>;
  /** Ends a --watch stream (SIGINT/SIGTERM in the CLI). */
  signal?: AbortSignal;
}

export function metricsCommand(setExit: (code: number) => void): Command {
  return new Command('metrics')
    .description('sample the 24 node security features from /proc (node_exporter sources and names)')
    .option('--procfs <dir>', 'procfs root, like node_exporter --path.procfs (env HOST_PROC; default /proc)')
    .option('--sysfs <dir>', 'sysfs root, like --path.sysfs (env HOST_SYS; default /sys)')
    .option(
      '--rootfs <dir>',
      'filesystem for disk_av_per, like --path.rootfs (env HOST_ROOT; default / with the live /proc)',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(Object.keys(MetricsFormats))
        .default('json'),
    )
    .option('-w, --watch', 'sample every INTERVAL seconds, one record per sample, until interrupted')
    .option('-n, --interval <seconds>', 'seconds between samples with --watch (env INTERVAL; default 10)')
    .option('-c, --count <n>', 'with --watch, stop after n samples')
    .option('-q, --quiet', 'do not report unreadable or malformed sources on stderr')
    .action(async (flags: MetricsFlags) => {
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
      try {
        const io: MetricsIO = {
          out: (s) => process.stdout.write(s),
          err: (s) => process.stderr.write(s),
          env: process.env,
          signal: stop.signal,
        };
        setExit(await runMetrics(flags, io));
      } finally {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      }
    });
}

/** `vigil metrics`: exit code 0, or 64 (usage) / 74 (procfs root not readable). */
export async function runMetrics(f: MetricsFlags, io: MetricsIO): Promise<number> {
  try {
    if (!isMetricsFormatName(f.format)) throw new VigilError('E_USAGE', `unknown format "${f.format}"`);
    const roots = samplerRoots(f, io.env);
    const fmt = MetricsFormats[f.format];
    const stream = f.watch === true;
    const intervalMs = stream ? seconds(f.interval ?? io.env['INTERVAL'] ?? '10') * 1000 : 0;
    const count = f.count === undefined ? Infinity : positiveInt(f.count, '--count');
    const sampler = new MetricsSampler(roots);
    try {
      await sampleLoop(sampler, fmt, stream, intervalMs, count, io);
    } finally {
      sampler.close();
    }
    const events = sampler.events.entries();
    if (events.length > 0 && !f.quiet)
      io.err(
        `vigil metrics: ${events.map(([k, v]) => `${k}=${v}`).join(' ')} (affected features are null)\n`,
      );
    return 0;
  } catch (err) {
    io.err(`vigil metrics: ${errorText(err)}\n`);
    return exitCodeOf(err);
  }
}

/**
 * Where the sampler reads: --procfs/--sysfs/--rootfs, else HOST_PROC/HOST_SYS/HOST_ROOT, else the live
 * /proc and /sys (shared with `vigil agent` and `vigil up`). Throws E_IO when the procfs root is not a directory.
 */
export function samplerRoots(
  f: Pick<MetricsFlags, 'procfs' | 'sysfs' | 'rootfs'>,
  env: Record<string, string | undefined>,
): { procfs: string; sysfs: string; rootfs?: string } {
  const procfs = f.procfs ?? env['HOST_PROC'] ?? '/proc';
  const sysfs = f.sysfs ?? env['HOST_SYS'] ?? '/sys';
  const rootfs = f.rootfs ?? env['HOST_ROOT'];
  mustBeDir(procfs, 'procfs');
  return { procfs, sysfs, ...(rootfs !== undefined ? { rootfs } : {}) };
}

async function sampleLoop(
  sampler: MetricsSampler,
  fmt: MetricsFormat,
  stream: boolean,
  intervalMs: number,
  count: number,
  io: MetricsIO,
): Promise<void> {
  const header = fmt.header(stream);
  if (header) io.out(header);
  const t0 = performance.now();
  for (let k = 1; ; k++) {
    io.out(fmt.record(sampler.sample(), sampler, stream));
    if (!stream || k >= count || io.signal?.aborted) break;
    // Scheduled from the start, not from the last sample, so the period does not drift.
    const wait = Math.max(0, t0 + k * intervalMs - performance.now());
    try {
      await sleep(wait, undefined, io.signal ? { signal: io.signal } : {});
    } catch {
      break; // aborted
    }
  }
}

function mustBeDir(dir: string, what: string): void {
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new VigilError('E_IO', `${what} root ${dir} is not a readable directory`);
}

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400)
    throw new VigilError('E_USAGE', `INTERVAL expects seconds in (0, 86400], got "${v}"`);
  return n;
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new VigilError('E_USAGE', `${flag} expects a positive integer, got "${v}"`);
  return n;
}
