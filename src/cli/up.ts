import { randomBytes } from 'node:crypto';
import { openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { VigilError } from '../core/errors.js';
import { makeDirSync } from '../core/make-dir.js';
import type { Agent } from '../agent/agent.js';
import { createAgent } from '../agent/setup.js';
import { startServer, type RunningServer } from '../server/listen.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { addCaptureOptions, intervalMs, untilSignal } from './agent.js';
import { parseVarFlags } from '../rules/vars.js';
import { flowFlags } from './run-flags.js';
import { errorText, exitCodeOf } from './exit.js';
import { samplerRoots } from './metrics.js';

export interface UpFlags {
  port: string;
  host: string;
  dataDir: string;
  interface?: string;
  filter?: string;
  pcap?: string;
  rules: string[];
  var: string[];
  interval?: string;
  netns?: string;
  maxFlows?: string;
}

export function upCommand(setExit: (code: number) => void): Command {
  return addCaptureOptions(
    new Command('up')
      .description('all in one: embedded store, the server and dashboard, and an agent on this machine')
      .option('--port <port>', 'port to listen on (0: any free port)', '7700')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--data-dir <dir>', 'store, spool and API token live here', '.vigil'),
  ).action(async (f: UpFlags) => setExit(await runUp(f)));
}

/** DATA_DIR/token: 32 random bytes as hex, created once (mode 0600) and reused after. */
export function ensureToken(dataDir: string): string {
  const path = join(dataDir, 'token');
  try {
    const fd = openSync(path, 'wx', 0o600);
    const token = randomBytes(32).toString('hex');
    try {
      writeSync(fd, `${token}\n`);
    } finally {
      closeSync(fd);
    }
    return token;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new VigilError('E_IO', `cannot create ${path}: ${(e as Error).message}`, { cause: e });
  }
  const token = readFileSync(path, 'utf8').trim();
  if (token === '') throw new VigilError('E_CONFIG', `${path} is empty: delete it to make a new token`);
  return token;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new VigilError('E_USAGE', `--port expects 0..65535, got "${v}"`);
  return n;
}

/** The agent talks to the server over loopback even when it listens on every address. */
function loopbackUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
}

const log = (msg: string) => process.stderr.write(`vigil up: ${msg}\n`);

async function runUp(f: UpFlags): Promise<number> {
  let store: Store | null = null;
  let server: RunningServer | null = null;
  let agent: Agent | null = null;
  const signal = untilSignal();
  try {
    const env = process.env;
    const p = port(f.port);
    const every = intervalMs(f.interval, env);
    const vars = parseVarFlags(f.var);
    const flow = flowFlags(f);
    const metrics = samplerRoots({}, env);
    try {
      makeDirSync(f.dataDir, 0o700);
    } catch (e) {
      throw new VigilError('E_IO', `cannot create data directory ${f.dataDir}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const token = ensureToken(f.dataDir);
    store = await openStore({ dataDir: join(f.dataDir, 'db') });
    await store.migrate();
    server = await startServer({ store, tokens: [token], host: f.host, port: p });
    // Through HTTP on loopback with the token: the same path, spool and idempotency as a cluster's agents.
    const built = await createAgent({
      server: loopbackUrl(server.url),
      token,
      node: env['NODE_NAME'] ?? hostname(),
      intervalMs: every,
      spoolDir: join(f.dataDir, 'spool'),
      spoolMaxBytes: 256 * 1024 * 1024,
      rules: f.rules,
      vars,
      flow,
      pcap: f.pcap ?? null,
      iface: f.interface ?? null,
      metrics,
      log,
      ...(f.filter !== undefined ? { filter: f.filter } : {}),
      ...(f.netns !== undefined ? { netns: f.netns } : {}),
    });
    agent = built.agent;
    agent.start();
    process.stderr.write(`Vigil is up: ${server.url}/  (token in ${join(f.dataDir, 'token')})\n`);
    const sig = await signal;
    log(`${sig}: draining (agent, then server, then store)`);
    await agent.stop(5000);
    built.identity.stop();
    await server.close();
    await store.close();
    return 0;
  } catch (err) {
    log(errorText(err));
    await agent?.stop(0).catch(() => undefined);
    await server?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    return exitCodeOf(err);
  }
}
