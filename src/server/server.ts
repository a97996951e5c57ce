import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Store } from '../store/store.js';
import { authHook, tokenChecker } from './auth.js';
import type { ServerContext } from './context.js';
import { installErrorHandler } from './errors.js';
import { EventBus } from './event-bus.js';
import { errorBody } from './http-error.js';
import { ServerMetrics } from './metrics.js';
import { publishAlerts } from './routes/ingest.js';
import { RouteGroups } from './routes/registry.js';
import { LiveScoring, type ScoringOptions } from './scoring.js';
import { SingleFlight } from './single-flight.js';
import { validatorCompiler } from './validation.js';
import { CSP, defaultWebRoot, registerWeb } from './web.js';
import { installReadAdmission, PGLITE_MAX_READS } from './read-admission.js';

export const INGEST_BODY_LIMIT = 16 * 1024 * 1024;
export const OTHER_BODY_LIMIT = 1024 * 1024;

export interface ServerOptions {
  store: Store;
  tokens: readonly string[];
  /** Ingest bodies, bytes (default 16 MiB). */
  bodyLimit?: number;
  /** Every other body, bytes (default 1 MiB). */
  otherBodyLimit?: number;
  /** Dashboard files; null = none. Default `<package root>/web/dist`. */
  webRoot?: string | null;
  logger?: FastifyServerOptions['logger'];
  scorer?: ScoringOptions;
  /** ms since the epoch. */
  clock?: () => number;
  /** Default process metrics on /metrics (default true). */
  metrics?: boolean;
  /**
   * API reads in flight before more are answered 503 at once (read-admission.ts). Default: 64 on the
   * embedded store (PGlite answers one query at a time), unlimited on PostgreSQL (its pool queues).
   */
  maxReads?: number;
}

/** Vigil's HTTP API (docs/api.md) on Fastify; not listening yet (see listen.ts). */
export function createServer(opts: ServerOptions): FastifyInstance {
  const check = tokenChecker(opts.tokens); // throws E_CONFIG without tokens, before anything starts
  const limits = {
    ingest: opts.bodyLimit ?? INGEST_BODY_LIMIT,
    other: opts.otherBodyLimit ?? OTHER_BODY_LIMIT,
  };
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: limits.other,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Only JSON bodies: text/plain would reach schema validation as a string and answer a confusing 400.
  app.removeContentTypeParser(['text/plain']);

  const bus = new EventBus();
  const metrics = new ServerMetrics(opts.store, opts.metrics ?? true);
  const scoring = new LiveScoring(opts.store, opts.scorer ?? {}, {
    scores: (node, rows) => {
      const last = rows[rows.length - 1]!;
      bus.publish({ type: 'scores', data: { node, ts: last.ts, score: last.score } });
      metrics.ingestRows.inc({ kind: 'scores', result: 'accepted' }, rows.length);
    },
    alerts: (_node, alerts) => {
      metrics.anomalyAlerts.inc(alerts.length);
      publishAlerts(ctx, alerts);
    },
  });
  const ctx: ServerContext = {
    store: opts.store,
    bus,
    metrics,
    scoring,
    reads: new SingleFlight(),
    clock: opts.clock ?? Date.now,
    limits,
    streams: new Set(),
  };

  installErrorHandler(app, limits);
  app.addHook('onRequest', authHook(check));
  installReadAdmission(
    app,
    opts.maxReads ?? (opts.store.engine === 'pglite' ? PGLITE_MAX_READS : Infinity),
    metrics,
  );
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      reply.header('Content-Security-Policy', CSP);
      reply.header('X-Frame-Options', 'DENY');
      reply.header('Referrer-Policy', 'no-referrer');
    }
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const labels = { route, method: req.method, code: String(reply.statusCode) };
    metrics.requests.inc(labels);
    metrics.duration.observe(labels, reply.elapsedTime / 1000);
    if (route.startsWith('/api/v1/ingest/') && reply.statusCode >= 400) {
      const kind = route.slice('/api/v1/ingest/'.length) as 'samples' | 'alerts' | 'logs';
      metrics.ingestBatches.inc({ kind, result: reply.statusCode >= 500 ? 'failed' : 'rejected' });
    }
  });
  // Close order: end event streams (they never finish on their own), let in-flight requests finish
  // (Fastify), then wait for queued scoring.
  app.addHook('preClose', async () => {
    for (const s of [...ctx.streams]) s.end();
  });
  app.addHook('onClose', async () => {
    await scoring.flush();
  });

  void app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Vigil API', version: '1', description: 'See docs/api.md.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  const spa = registerWeb(app, opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot);
  void app.register(async (scope) => {
    for (const group of Object.values(RouteGroups)) group(scope, ctx);
  });
  app.setNotFoundHandler(async (req, reply) => {
    const accept = req.headers.accept ?? '';
    if (
      spa &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      !req.url.startsWith('/api/') &&
      accept.includes('text/html')
    )
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
  });
  return app;
}
