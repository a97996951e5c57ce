import { readFileSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { VigilError, formatDiagnostic, type Diagnostic } from '../core/errors.js';
import { numericColumn, parseCsv, type CsvTable } from '../anomaly/csv.js';
import { loadNabCorpus, parseTimestamp } from '../anomaly/nab/corpus.js';
import { runNab, scoreSeries } from '../anomaly/nab/run.js';
import { NAB_PROFILE_NAMES } from '../anomaly/nab/profiles.js';
import {
  Detectors,
  DEFAULT_UNIVARIATE,
  isDetectorName,
  univariateSpec,
  type DetectorName,
} from '../anomaly/registry.js';
import { isSamplesTable, scoreSamples } from '../anomaly/samples.js';
import { exitCodeOf, errorText } from './exit.js';

/** Where a command writes; tests pass their own. */
export interface AnomalyIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: AnomalyIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Exit status for input that is readable but wrong (sysexits EX_DATAERR), as `vigil ids` uses for captures. */
const EXIT_BAD_DATA = 65;

export interface ScoreFlags {
  in: string;
  out?: string;
  detector?: string;
  seed?: string;
  drivers?: boolean;
}

export interface NabFlags {
  data: string;
  labels: string;
  detector?: string;
  format?: string;
  threshold?: string;
  seed?: string;
}

function detectorOf(name: string | undefined): DetectorName | null {
  if (name === undefined) return null;
  if (!isDetectorName(name))
    throw new VigilError(
      'E_USAGE',
      `unknown detector "${name}"; one of: ${Object.keys(Detectors).join(', ')}`,
    );
  return name;
}

function seedOf(s: string | undefined): number {
  const n = Number(s ?? '1');
  if (!Number.isInteger(n)) throw new VigilError('E_USAGE', `--seed expects an integer, got "${s}"`);
  return n;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new VigilError('E_IO', `cannot read ${path}: ${errorText(err)}`, { cause: err });
  }
}

/** Scores as NAB's results files hold them: 12 significant digits, no exponent for small values. */
function fmt(score: number): string {
  return String(Number(score.toPrecision(12)));
}

function scoreTable(
  t: CsvTable,
  f: ScoreFlags,
  diagnostics: Diagnostic[],
): { scores: Float64Array; drivers: string[] | null } {
  const name = detectorOf(f.detector);
  const seed = seedOf(f.seed);
  if (isSamplesTable(t)) {
    const r = scoreSamples(t, name, f.in, diagnostics, seed);
    return { scores: r.scores, drivers: r.drivers };
  }
  if (!t.header.includes('value')) {
    throw new VigilError(
      'E_USAGE',
      `${f.in}: expected a "timestamp,value" CSV or a samples CSV with the 24 node features`,
    );
  }
  const spec = univariateSpec(name ?? DEFAULT_UNIVARIATE);
  if (spec === null)
    throw new VigilError(
      'E_USAGE',
      `detector "${name}" is multivariate; a "value" series needs a univariate one`,
    );
  const values = numericColumn(t, 'value', f.in, diagnostics);
  const tc = t.header.indexOf('timestamp');
  const times = Float64Array.from(t.rows, (r) => (tc >= 0 ? parseTimestamp(r[tc] ?? '') : 0) || 0);
  return { scores: scoreSeries(spec, values, times, seed), drivers: null };
}

/** `vigil anomaly score`: the input rows plus an `anomaly_score` column (and `anomaly_drivers` on request). */
export function runAnomalyScore(f: ScoreFlags, io: AnomalyIo = processIo): number {
  try {
    const { table, diagnostics } = parseCsv(readText(f.in), f.in);
    if (table.header.includes('anomaly_score'))
      throw new VigilError('E_USAGE', `${f.in} already has an anomaly_score column`);
    const { scores, drivers } = scoreTable(table, f, diagnostics);
    const withDrivers = f.drivers === true && drivers !== null;
    const lines = [[...table.header, 'anomaly_score', ...(withDrivers ? ['anomaly_drivers'] : [])].join(',')];
    table.rows.forEach((r, i) => {
      const extra = [fmt(scores[i] ?? 0), ...(withDrivers ? [drivers?.[i] ?? ''] : [])];
      lines.push([...r, ...extra].join(','));
    });
    const text = lines.join('\n') + '\n';
    if (f.out) writeFileSync(f.out, text);
    else io.out(text);
    for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n');
    return diagnostics.some((d) => d.severity === 'error') ? EXIT_BAD_DATA : 0;
  } catch (err) {
    io.err(`vigil anomaly score: ${errorText(err)}\n`);
    return exitCodeOf(err);
  }
}

/** `vigil anomaly nab`: NAB's three normalised scores for one detector over a NAB-layout directory. */
export function runAnomalyNab(f: NabFlags, io: AnomalyIo = processIo): number {
  try {
    const name = detectorOf(f.detector) ?? DEFAULT_UNIVARIATE;
    const spec = univariateSpec(name);
    if (spec === null)
      throw new VigilError('E_USAGE', `detector "${name}" is multivariate; NAB series need a univariate one`);
    const threshold = f.threshold === undefined ? undefined : Number(f.threshold);
    if (threshold !== undefined && !Number.isFinite(threshold))
      throw new VigilError('E_USAGE', `--threshold expects a number, got "${f.threshold}"`);
    readText(f.labels);
    const { files, diagnostics } = loadNabCorpus(f.data, f.labels);
    for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n');
    if (files.length === 0) throw new VigilError('E_USAGE', `no *.csv files under ${f.data}`);
    const report = runNab(spec, files, seedOf(f.seed), threshold);
    if (f.format === 'text') {
      for (const p of NAB_PROFILE_NAMES) {
        const r = report[p];
        io.out(
          `${p.padEnd(20)} ${r.normalized.toFixed(2).padStart(6)}  raw ${r.raw.toFixed(3)}  threshold ${r.threshold}  ` +
            `windows ${r.windowsDetected}/${r.windows}  TP rows ${r.tpRows}  FP rows ${r.fpRows}\n`,
        );
      }
    } else {
      const round = (x: number) => Math.round(x * 100) / 100;
      const json = Object.fromEntries(NAB_PROFILE_NAMES.map((p) => [p, round(report[p].normalized)]));
      io.out(JSON.stringify(json) + '\n');
    }
    return diagnostics.some((d) => d.severity === 'error') ? EXIT_BAD_DATA : 0;
  } catch (err) {
    io.err(`vigil anomaly nab: ${errorText(err)}\n`);
    return err instanceof SyntaxError ? EXIT_BAD_DATA : exitCodeOf(err);
  }
}

function listDetectors(io: AnomalyIo): number {
  for (const [name, s] of Object.entries(Detectors))
    io.out(`${name.padEnd(18)} ${s.kind.padEnd(12)} ${s.description}\n`);
  return 0;
}

export function anomalyCommand(setExit: (code: number) => void): Command {
  const detectorHelp = `detector (${Object.keys(Detectors).join(', ')})`;
  const score = new Command('score')
    .description(
      'score a timestamp,value series or a samples CSV of the 24 node features; adds anomaly_score in [0,1]',
    )
    .requiredOption('--in <csv>', 'input CSV')
    .option('--out <csv>', 'output CSV (default stdout)')
    .option('--detector <name>', `${detectorHelp}; default ensemble for a series, mahalanobis for samples`)
    .option(
      '--drivers',
      'samples only: add an anomaly_drivers column naming the features that drove each score',
    )
    .option('--seed <n>', 'seed for detectors that draw random structure', '1')
    .action((f: ScoreFlags) => setExit(runAnomalyScore(f)));
  const nab = new Command('nab')
    .description("score a detector on a NAB-layout directory with NAB's rules (three profiles)")
    .requiredOption('--data <dir>', 'directory of NAB CSV files (category/file.csv)')
    .requiredOption('--labels <file>', "NAB's combined_windows.json")
    .option('--detector <name>', `${detectorHelp}; default ensemble`)
    .addOption(new Option('--format <format>', 'output').choices(['json', 'text']).default('json'))
    .option('--threshold <t>', "fixed threshold instead of NAB's corpus-wide sweep")
    .option('--seed <n>', 'seed for detectors that draw random structure', '1')
    .action((f: NabFlags) => setExit(runAnomalyNab(f)));
  const list = new Command('detectors')
    .description('list the detectors')
    .action(() => setExit(listDetectors(processIo)));
  return new Command('anomaly')
    .description('streaming anomaly detection over metric series and node samples')
    .addCommand(score.exitOverride())
    .addCommand(nab.exitOverride())
    .addCommand(list.exitOverride());
}
