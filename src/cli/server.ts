import { join } from 'node:path';
import { Command } from 'commander';
import { VigilError } from '../core/errors.js';
import { startServer } from '../server/listen.js';
import { loadTokens } from '../server/tokens.js';
import { openStore } from '../store/open.js';
import { StoreError, type Store } from '../store/store.js';
import { errorText, exitCodeOf } from './exit.js';

export interface ServerFlags {
  listen: string;
  databaseUrl?: string;
  dataDir: string;
  tokenFile?: string;
  retentionDays: string;
  bodyLimit?: string;
  webRoot?: string;
}

const HOUR_MS = 3600_000;

export function serverCommand(setExit: (code: number) => void): Command {
  return new Command('server')
    .description('the HTTP API and dashboard (docs/api.md), on PostgreSQL or embedded PGlite')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:7700')
    .option(
      '--database-url <url>',
      'PostgreSQL connection string (env DATABASE_URL; default: PGlite under --data-dir)',
    )
    .option('--data-dir <dir>', 'where the embedded PGlite database lives', '.vigil')
    .option(
      '--token-file <file>',
      'API tokens, one per line (# comments); also env VIGIL_TOKENS, comma separated',
    )
    .option('--retention-days <n>', 'delete data older than this, checked hourly', '30')
    .option('--body-limit <bytes>', 'largest ingest body (others: 1 MiB)', String(16 * 1024 * 1024))
    .option('--web-root <dir>', 'dashboard files (default: web/dist of the package)')
    .action(async (flags: ServerFlags) => {
      const stop = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      setExit(await runServer(flags, process.env, (s) => process.stderr.write(s), stop));
    });
}

/** host:port, with IPv6 hosts in brackets ([::1]:7700). */
export function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(s.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new VigilError('E_USAGE', `--listen: expected HOST:PORT, got "${s}"`);
  return { host: m[1] ?? m[2]!, port };
}

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new VigilError('E_USAGE', `${name}: expected a positive integer, got "${v}"`);
  return n;
}

/** Store failures at start-up become CLI errors: an unreachable database is I/O (74), the rest internal. */
function startupError(e: unknown): unknown {
  if (!(e instanceof StoreError)) return e;
  return new VigilError(e.code === 'E_STORE_UNAVAILABLE' ? 'E_IO' : 'E_INTERNAL', e.message, { cause: e });
}

/** Run the server until `stop` resolves; returns the exit code. */
export async function runServer(
  f: ServerFlags,
  env: NodeJS.ProcessEnv,
  err: (s: string) => void,
  stop: Promise<void>,
): Promise<number> {
  let store: Store | null = null;
  try {
    const { host, port } = parseListen(f.listen);
    const retentionDays = positiveInt('--retention-days', f.retentionDays);
    const bodyLimit = f.bodyLimit === undefined ? undefined : positiveInt('--body-limit', f.bodyLimit);
    const tokens = loadTokens({ file: f.tokenFile, env: env['VIGIL_TOKENS'] });
    if (tokens.length === 0)
      throw new VigilError('E_CONFIG', 'no API token: give --token-file FILE or set VIGIL_TOKENS');
    const databaseUrl = f.databaseUrl ?? env['DATABASE_URL'] ?? '';
    store = await openStore(databaseUrl !== '' ? { databaseUrl } : { dataDir: join(f.dataDir, 'db') }).catch(
      (e) => {
        throw startupError(e);
      },
    );
    await store.migrate().catch((e) => {
      throw startupError(e);
    });
    const s = store;
    const running = await startServer({
      host,
      port,
      store: s,
      tokens,
      ...(bodyLimit !== undefined ? { bodyLimit } : {}),
      ...(f.webRoot !== undefined ? { webRoot: f.webRoot } : {}),
      logger: { level: env['VIGIL_LOG_LEVEL'] ?? 'info' },
    }).catch((e: NodeJS.ErrnoException) => {
      throw new VigilError('E_IO', `cannot listen on ${f.listen}: ${e.message}`, { cause: e });
    });
    err(`vigil server: listening on ${running.url} (store: ${s.engine})\n`);
    const retain = () =>
      s.retain(Date.now() / 1000 - retentionDays * 86400).catch((e: unknown) => {
        running.app.log.warn({ err: e }, 'retention failed; will retry');
        return 0;
      });
    void retain();
    const timer = setInterval(() => void retain(), HOUR_MS);
    timer.unref();
    await stop;
    clearInterval(timer);
    await running.close();
    return 0;
  } catch (e) {
    err(`vigil server: ${errorText(e)}\n`);
    return exitCodeOf(e);
  } finally {
    await store?.close().catch(() => undefined);
  }
}
