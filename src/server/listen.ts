import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createServer, type ServerOptions } from './server.js';

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:7700 (IPv6 hosts in brackets). */
  url: string;
  /** Stop accepting, finish in-flight requests, end event streams, wait for queued scoring. */
  close(): Promise<void>;
}

/** Create the server and listen on host:port (port 0 = any free port). */
export async function startServer(
  opts: ServerOptions & { host: string; port: number },
): Promise<RunningServer> {
  const app = createServer(opts);
  await app.listen({ host: opts.host, port: opts.port });
  const addr = app.server.address() as AddressInfo;
  const host = addr.family === 'IPv6' || addr.address.includes(':') ? `[${addr.address}]` : addr.address;
  let closing: Promise<void> | null = null;
  return {
    app,
    url: `http://${host}:${addr.port}`,
    close: () => (closing ??= app.close()),
  };
}
