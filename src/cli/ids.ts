import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { VigilError, formatDiagnostic } from '../core/errors.js';
import { makeDirSync } from '../core/make-dir.js';
import { AlertFormats, isAlertFormatName, type AlertFormatName } from '../output/registry.js';
import type { AlertRecord } from '../output/alert-record.js';
import { buildEngine, type BuiltEngine } from '../pipeline/build-engine.js';
import type { IdsConfig } from '../pipeline/ids-config.js';
import type { EventQueueConfig } from '../pipeline/event-queue.js';
import { runSingle } from '../pipeline/run-single.js';
import { runSharded, startShards } from '../pipeline/run-sharded.js';
import { formatSummary } from './format-summary.js';
import { openLogs, type LogSet } from '../logs/log-set.js';
import { parseVarFlags } from '../rules/vars.js';
import { addFlowOptions, flowFlags, threadCount } from './run-flags.js';
import { exitCodeOf, errorText } from './exit.js';

interface IdsFlags {
  read?: string;
  rules: string[];
  alertMode: string;
  logDir?: string;
  var: string[];
  z: string;
  rulesCheck?: boolean;
  quiet?: boolean;
  statsJson?: string;
  eventQueueLog: string;
  eventQueueMax: string;
  orderEvents: string;
  logs?: string;
  logFormat: string;
  packetOnly?: boolean;
  maxFlows?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function idsCommand(setExit: (code: number) => void): Command {
  return addFlowOptions(new Command('ids'))
    .description('inspect a capture with Snort 3 rules and print alerts')
    .option('-r, --read <pcap>', 'capture file to read (pcap or pcapng)')
    .option('-R, --rules <path>', 'rules file or directory of *.rules (repeatable)', collect, [])
    .addOption(
      new Option('-A, --alert-mode <mode>', 'alert output').choices(['fast', 'json', 'none']).default('fast'),
    )
    .option(
      '-l, --log-dir <dir>',
      'write alerts to DIR/alert_fast.txt or DIR/alert_json.txt instead of stdout',
    )
    .option('--var <NAME=value>', 'set a rule variable, e.g. HOME_NET=[10.0.0.0/8] (repeatable)', collect, [])
    .option('-z <threads>', 'packet threads (flows sharded by a symmetric hash)', '1')
    .option('--event-queue-log <n>', 'alerts logged per packet or PDU (Snort event_queue.log)', '3')
    .option('--event-queue-max <n>', 'alerts queued per packet or PDU (Snort event_queue.max_queue)', '8')
    .addOption(
      new Option('--order-events <order>', 'which queued alerts are logged first')
        .choices(['content_length', 'priority'])
        .default('content_length'),
    )
    .option(
      '--logs <dir>',
      'also write Zeek-style logs (conn, dns, http, ssl, weird …) to DIR in the same pass',
    )
    .addOption(new Option('--log-format <format>', 'log format').choices(['tsv', 'json']).default('tsv'))
    .option(
      '--packet-only',
      'the packet engine alone: no service identification or HTTP/DNS/TLS/SSH/DCE/SMB inspection; ' +
        'reassembled TCP payload is inspected as pkt_data, so rules on service buffers never match',
    )
    .option('--rules-check', 'load and compile the rules, report every problem, exit non-zero if any')
    .option('-q, --quiet', 'no summary on stderr')
    .option('--stats-json <file>', 'write the run statistics (counters, events, seconds, peak RSS) as JSON')
    .action(async (flags: IdsFlags) => setExit(await runIds(flags)));
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1024)
    throw new VigilError('E_USAGE', `${flag} expects 1..1024, got "${v}"`);
  return n;
}

function eventQueueOf(f: IdsFlags): EventQueueConfig {
  const log = positiveInt(f.eventQueueLog, '--event-queue-log');
  const maxQueue = Math.max(log, positiveInt(f.eventQueueMax, '--event-queue-max'));
  return { log, maxQueue, order: f.orderEvents === 'priority' ? 'priority' : 'content_length' };
}

async function runIds(f: IdsFlags): Promise<number> {
  try {
    if (f.rules.length === 0) throw new VigilError('E_USAGE', 'no rules: give -R FILE|DIR');
    const threads = threadCount(f.z);
    const cfg: IdsConfig = {
      rulePaths: f.rules,
      vars: parseVarFlags(f.var),
      flow: flowFlags(f),
      eventQueue: eventQueueOf(f),
      packetOnly: f.packetOnly === true,
    };
    if (f.rulesCheck) {
      const built = await buildEngine(cfg);
      const errors = built.diagnostics.filter((d) => d.severity === 'error');
      for (const d of built.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      process.stderr.write(
        `rules: ${built.rulesParsed} parsed, ${built.engine.loaded} loaded, ${built.engine.failed} failed, ` +
          `${errors.length} errors, ${built.diagnostics.length - errors.length} warnings in ${built.files.length} files\n`,
      );
      return errors.length > 0 ? 1 : 0;
    }
    if (!f.read) throw new VigilError('E_USAGE', 'no input: give -r PCAP');
    if (f.logs !== undefined && f.packetOnly)
      throw new VigilError('E_USAGE', '--logs needs the application layer: drop --packet-only');
    const out = openAlertSink(f.alertMode, f.logDir);
    const logFormat = f.logFormat === 'json' ? 'json' : 'tsv';
    // Workers compile their engines while this thread compiles its own.
    const workers =
      threads > 1 ? startShards(cfg, threads, out.write, f.logs === undefined ? null : logFormat) : null;
    let built: BuiltEngine;
    let logs: LogSet | null;
    try {
      built = await buildEngine(cfg);
      for (const d of built.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      if (built.engine.loaded === 0 && built.diagnostics.some((d) => d.severity === 'error')) {
        // Nothing to inspect with (a missing path, or every rule failed): as the agent does, refuse to run.
        throw new VigilError('E_RULES', `no rule loaded from ${cfg.rulePaths.join(', ')}`);
      }
      logs = f.logs === undefined ? null : openLogs(f.logs, logFormat);
    } catch (e) {
      // The run does not happen: the workers must not keep the process alive.
      await workers?.stop();
      throw e;
    }
    const rules = { loaded: built.engine.loaded, failed: built.engine.failed };
    const progress = process.stderr.isTTY && !f.quiet ? progressPrinter() : undefined;
    const result =
      workers === null
        ? await runSingle(f.read, built.engine, cfg, out.write, progress, logs)
        : await runSharded(f.read, built.engine, cfg, threads, out.write, progress, workers, logs);
    await out.close();
    if (progress) process.stderr.write('\r\x1b[K');
    const peakRssKB = process.resourceUsage().maxRSS;
    if (!f.quiet) process.stderr.write(formatSummary(result, rules, threads, peakRssKB));
    if (f.statsJson)
      writeFileSync(
        f.statsJson,
        JSON.stringify(
          { ...result, error: result.error?.message ?? null, rules, threads, peakRssKB },
          null,
          2,
        ),
      );
    if (result.error) {
      process.stderr.write(`vigil ids: ${f.read}: ${result.error.message}\n`);
      return exitCodeOf(result.error);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`vigil ids: ${errorText(err)}\n`);
    return exitCodeOf(err);
  }
}

interface AlertSink {
  write: (a: AlertRecord) => void;
  close: () => Promise<void>;
}

function openAlertSink(mode: string, logDir: string | undefined): AlertSink {
  if (mode === 'none' || !isAlertFormatName(mode))
    return { write: () => undefined, close: async () => undefined };
  const fmt = AlertFormats[mode as AlertFormatName];
  let stream: WriteStream | NodeJS.WriteStream = process.stdout;
  if (logDir !== undefined) {
    try {
      makeDirSync(logDir);
    } catch (e) {
      throw new VigilError('E_IO', `cannot create alert directory ${logDir}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    stream = createWriteStream(join(logDir, fmt.fileName));
  }
  // Lines are buffered and written in blocks: one write per alert is a syscall per alert.
  let buf: string[] = [];
  const drain = () => {
    if (buf.length) stream.write(buf.join('\n') + '\n');
    buf = [];
  };
  return {
    write: (a) => {
      buf.push(fmt.format(a));
      if (buf.length >= 512) drain();
    },
    close: () =>
      new Promise((resolve) => {
        drain();
        if (stream === process.stdout) stream.write('', () => resolve());
        else (stream as WriteStream).end(() => resolve());
      }),
  };
}

function progressPrinter(): (bytes: number, packets: number) => void {
  let last = 0;
  return (bytes, packets) => {
    const now = Date.now();
    if (now - last < 500) return;
    last = now;
    process.stderr.write(`\r\x1b[K${(bytes / 1e6).toFixed(0)} MB read, ${packets} packets`);
  };
}
