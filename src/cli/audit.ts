import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import { VigilError, formatDiagnostic, type Diagnostic } from '../core/errors.js';
import { atLeast, isSeverity, Severities, type Severity } from '../audit/finding.js';
import { parseExceptions, type AuditException } from '../audit/ignore.js';
import { AuditFormats, type AuditFormatName } from '../audit/output/registry.js';
import { evaluatePss } from '../audit/pss/evaluate.js';
import { parsePssVersion } from '../audit/pss/version.js';
import { runAudit } from '../audit/run.js';
import { auditUploadBody, type AuditUpload } from '../audit/upload.js';
import { resolveToken } from '../core/token-file.js';
import { loadManifests } from '../k8s/load.js';
import type { K8sObject } from '../k8s/object.js';
import { podTemplateOf } from '../k8s/pod-template.js';
import { errorText, exitCodeOf } from './exit.js';

export interface AuditFlags {
  filename: string[];
  format: string;
  failOn?: string;
  exceptions?: string;
  live?: boolean;
  inCluster?: boolean;
  context?: string;
  server?: string;
  token?: string;
  tokenFile?: string;
}

export interface PssFlags {
  filename: string[];
  level: string;
  pssVersion: string;
  format: string;
  exitCode?: boolean;
}

/** Where output goes; tests pass their own. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}
const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };
const collect = (v: string, prev: string[]) => [...prev, v];
const VERSION = '0.1.0';

function loadExceptions(file: string): AuditException[] {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new VigilError('E_CONFIG', `${file}: ${errorText(err)}`, { cause: err });
  }
  const { exceptions, problems } = parseExceptions(doc);
  if (problems.length > 0) throw new VigilError('E_CONFIG', `${file}: ${problems.join('; ')}`);
  return exceptions;
}

async function objectsOf(
  f: { filename: string[]; live?: boolean; inCluster?: boolean; context?: string },
  io: Io,
): Promise<{ objects: K8sObject[]; errors: number }> {
  if (f.filename.length === 0 && !f.live && !f.inCluster)
    throw new VigilError('E_USAGE', 'no input: give -f FILE|DIR|- or --live');
  const loaded = loadManifests(f.filename.map((path) => ({ path })));
  const diags: Diagnostic[] = loaded.diagnostics;
  for (const d of diags) io.err(formatDiagnostic(d) + '\n');
  const objects = loaded.objects;
  if (f.live || f.inCluster) {
    const opts: { inCluster?: boolean; context?: string } = { inCluster: f.inCluster === true };
    if (f.context !== undefined) opts.context = f.context;
    // The Kubernetes client loads only for a live audit (it is most of the CLI's start-up otherwise).
    const { kubeConfig, listClusterObjects } = await import('../k8s/live.js');
    objects.push(...(await listClusterObjects(kubeConfig(opts))));
  }
  return { objects, errors: diags.filter((d) => d.severity === 'error').length };
}

/** Sends one audit run to the server; a clear error for a refused connection, a rejected token or body. */
export async function uploadAudit(server: string, token: string, body: AuditUpload): Promise<string> {
  const url = `${server.replace(/\/+$/, '')}/api/v1/audit`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? errorText(err);
    throw new VigilError('E_IO', `cannot reach ${url}: ${why}`, { cause: err });
  }
  const text = await res.text();
  let answer: { run_id?: unknown; duplicate?: unknown; message?: unknown } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // not JSON: the status line says enough
  }
  const said = typeof answer.message === 'string' ? `: ${answer.message}` : '';
  if (res.status === 401 || res.status === 403)
    throw new VigilError('E_CONFIG', `${url}: the server rejected the token (HTTP ${res.status})${said}`);
  if (res.status >= 400 && res.status < 500)
    throw new VigilError(
      'E_INTERNAL',
      `${url}: the server rejected the upload (HTTP ${res.status})${said} ${text.slice(0, 500)}`,
    );
  if (!res.ok)
    throw new VigilError('E_IO', `${url}: HTTP ${res.status}${said}; nothing was stored, retry later`);
  return `uploaded audit run ${String(answer.run_id)}${answer.duplicate === true ? ' (already stored)' : ''}`;
}

/**
 * `vigil audit`: exit 1 when a finding reaches --fail-on, else 65 when some input could not be read, else 0;
 * with --server, a failed upload's own code (74 unreachable, 78 token rejected, 70 body rejected).
 */
export async function runAuditCommand(
  f: AuditFlags,
  io: Io = stdio,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    if (!(f.format in AuditFormats))
      throw new VigilError('E_USAGE', `--format expects ${Object.keys(AuditFormats).join('|')}`);
    if (f.failOn !== undefined && !isSeverity(f.failOn))
      throw new VigilError('E_USAGE', `--fail-on expects ${Severities.join('|')}`);
    // The token is resolved before the audit, so a missing one fails fast.
    const token = f.server !== undefined ? resolveToken(f.token, f.tokenFile, env['VIGIL_TOKEN']) : null;
    const exceptions = f.exceptions ? loadExceptions(f.exceptions) : [];
    const { objects, errors } = await objectsOf(f, io);
    const { findings } = runAudit(objects, { exceptions });
    const report = {
      findings,
      objects: objects.map((o) => ({
        kind: o.kind,
        namespace: o.metadata.namespace ?? null,
        name: o.metadata.name,
        file: o.source.file,
      })),
      toolVersion: VERSION,
    };
    io.out(AuditFormats[f.format as AuditFormatName].render(report));
    if (f.server !== undefined && token !== null) {
      const source = [...f.filename, ...(f.live || f.inCluster ? ['cluster'] : [])].join(' ');
      io.err(`${await uploadAudit(f.server, token, auditUploadBody(findings, source, objects))}\n`);
    }
    const threshold = f.failOn as Severity | undefined;
    if (threshold && findings.some((x) => atLeast(x.severity, threshold))) return 1;
    return errors > 0 ? 65 : 0;
  } catch (err) {
    io.err(`vigil audit: ${errorText(err)}\n`);
    return exitCodeOf(err);
  }
}

/** `vigil audit pss`: the Pod Security Admission verdict for every pod and workload template in the input. */
export async function runPssCommand(f: PssFlags, io: Io = stdio): Promise<number> {
  try {
    if (f.level !== 'baseline' && f.level !== 'restricted')
      throw new VigilError('E_USAGE', '--level expects baseline|restricted');
    const minor = parsePssVersion(f.pssVersion);
    const { objects, errors } = await objectsOf(f, io);
    const results = objects
      .filter((o) => podTemplateOf(o) !== null)
      .map((o) => ({
        object: { kind: o.kind, namespace: o.metadata.namespace ?? null, name: o.metadata.name },
        ...evaluatePss(o, f.level as 'baseline', minor),
      }));
    const allowed = results.every((r) => r.allowed);
    const violations = results.flatMap((r) => r.violations);
    if (f.format === 'json') {
      // One pod: the contract's shape; several: the same two keys over all of them, plus each object's verdict.
      const body = results.length > 1 ? { allowed, violations, results } : { allowed, violations };
      io.out(JSON.stringify(body, null, 2) + '\n');
    } else {
      for (const r of results)
        io.out(
          `${r.allowed ? 'allowed' : 'forbidden'}  ${r.object.kind}/${r.object.namespace ? r.object.namespace + '/' : ''}${r.object.name}\n`,
        );
      for (const v of violations) io.out(`  ${v.check}  ${v.field}  ${v.message}\n`);
    }
    if (f.exitCode && !allowed) return 1;
    return errors > 0 ? 65 : 0;
  } catch (err) {
    io.err(`vigil audit pss: ${errorText(err)}\n`);
    return exitCodeOf(err);
  }
}

function pssCommand(setExit: (code: number) => void): Command {
  return new Command('pss')
    .description(
      'check pods and workload templates against the Pod Security Standards (as Pod Security Admission does)',
    )
    .option('-f, --filename <path>', 'manifest file or directory, - for stdin (repeatable)', collect, [])
    .addOption(
      new Option('--level <level>', 'Pod Security Standards level')
        .choices(['baseline', 'restricted'])
        .default('restricted'),
    )
    .option('--pss-version <version>', 'policy version v1.NN or latest', 'latest')
    .addOption(new Option('--format <format>', 'output').choices(['json', 'table']).default('table'))
    .option('--exit-code', 'exit 1 when some pod is not allowed')
    .action(async (flags: PssFlags, cmd: Command) =>
      setExit(await runPssCommand(withParentFlags(flags, cmd))),
    );
}

/**
 * Unless the root program enables positional options, `audit` consumes `-f` and `--format` written after
 * `pss`; take them back from it so both spellings work.
 */
function withParentFlags(flags: PssFlags, cmd: Command): PssFlags {
  const parent = cmd.parent;
  if (!parent) return flags;
  const p = parent.opts<Partial<AuditFlags>>();
  const merged: PssFlags = { ...flags, filename: [...(p.filename ?? []), ...flags.filename] };
  if (
    cmd.getOptionValueSource('format') !== 'cli' &&
    parent.getOptionValueSource('format') === 'cli' &&
    p.format !== undefined
  )
    merged.format = p.format;
  return merged;
}

export function auditCommand(setExit: (code: number) => void): Command {
  return new Command('audit')
    .description('audit manifests or a live cluster for container-breakout risks and hygiene problems')
    .option(
      '-f, --filename <path>',
      'manifest file or directory (recursive), - for stdin (repeatable)',
      collect,
      [],
    )
    .addOption(new Option('--format <format>', 'output').choices(Object.keys(AuditFormats)).default('table'))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices([
        ...Severities,
      ]),
    )
    .option(
      '--exceptions <file>',
      'YAML/JSON list of accepted findings {check, kind, namespace, name, path, reason}',
    )
    .option('--live', 'also audit the cluster of the current kubeconfig context (list calls only)')
    .option('--in-cluster', 'audit the cluster this pod runs in, with its service account')
    .option('--context <name>', 'kubeconfig context for --live')
    .option('--server <url>', 'also upload the run (findings and workload graph) to a Vigil server')
    .option('--token <token>', 'API token for --server (or --token-file, or env VIGIL_TOKEN)')
    .option('--token-file <file>', 'file holding the API token (first non-comment line)')
    .enablePositionalOptions()
    .addCommand(pssCommand(setExit).exitOverride())
    .action(async (flags: AuditFlags) => setExit(await runAuditCommand(flags)));
}
