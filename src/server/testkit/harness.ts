import type { FastifyInstance } from 'fastify';
import { FEATURE_NAMES } from '../../metrics/features.js';
import type { SampleRow, Store } from '../../store/store.js';
import { createServer, type ServerOptions } from '../server.js';
import { openTestStore } from './test-store.js';

export const TOKEN = 'test-token-0123456789';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/**
 * A server, not listening (use app.inject), without process metrics. Without `store` it gets a fresh real
 * one (PGlite in memory, or a schema of its own on VIGIL_TEST_DATABASE_URL) that `close` drops.
 */
export async function testServer(opts: Partial<ServerOptions> & { store?: Store } = {}): Promise<TestServer> {
  const own = opts.store === undefined ? await openTestStore() : null;
  const store = opts.store ?? own!.store;
  const app = createServer({ tokens: [TOKEN], webRoot: null, metrics: false, ...opts, store });
  await app.ready();
  return {
    app,
    store,
    close: async () => {
      await app.close();
      await own?.cleanup();
    },
  };
}

/** A sample with every feature set from `f(name, index)`. */
export function sample(
  node: string,
  ts: number,
  f: (name: string, i: number) => number = () => 1,
): SampleRow {
  const row = { node, ts, attack: 0 } as SampleRow;
  FEATURE_NAMES.forEach((n, i) => (row[n] = f(n, i)));
  return row;
}

/** An alert as `vigil ids -A json` prints it. */
export const idsAlert = (over: Record<string, unknown> = {}) => ({
  timestamp: '11/14-22:13:20.250000',
  pkt_num: 7,
  proto: 'TCP',
  pkt_len: 120,
  dir: 'C2S',
  src_ap: '10.0.0.5:40000',
  dst_ap: '10.0.0.9:80',
  rule: '1:1000001:2',
  action: 'allow',
  msg: 'TEST web attack',
  class: 'Web Application Attack',
  priority: 1,
  gid: 1,
  sid: 1000001,
  rev: 2,
  service: 'http',
  community_id: '1:abc=',
  seconds: 1700000000,
  ts_usec: 250000,
  ...over,
});
