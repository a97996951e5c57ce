import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  auth: string | undefined;
  body: Record<string, unknown>;
}

/** What the receiver answers a request with; the default stores the batch and answers like the server. */
export type Responder = (r: Received, seen: ReadonlySet<string>) => { status: number; body: unknown };

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });

/**
 * A tiny stand-in for the ingest API (docs/api.md) for the shipper's tests: records every request, and
 * stores batch ids so a resent batch is answered `duplicate: true`, as the real server does.
 */
export class Receiver {
  readonly requests: Received[] = [];
  /** Batches stored, in arrival order (duplicates not repeated). */
  readonly stored: Received[] = [];
  private readonly seen = new Set<string>();
  respond: Responder | null = null;
  private server: Server | null = null;
  port = 0;

  async listen(port = 0): Promise<string> {
    const server = createServer((req, res) => {
      void readBody(req).then((text) => {
        const r: Received = {
          path: req.url ?? '',
          auth: req.headers.authorization,
          body: JSON.parse(text) as Record<string, unknown>,
        };
        this.requests.push(r);
        const answer = this.respond?.(r, this.seen) ?? this.store(r);
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  store(r: Received): { status: number; body: unknown } {
    const id = String(r.body['batch_id']);
    if (this.seen.has(id)) return { status: 200, body: { accepted: 0, duplicate: true } };
    this.seen.add(id);
    this.stored.push(r);
    return { status: 200, body: { accepted: 1, duplicate: false } };
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s === null) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

/** Resolves when `cond` holds, polling; rejects after `ms`. */
export async function waitFor(cond: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
