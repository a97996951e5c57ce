import type { FastifyInstance } from 'fastify';
import { errorBody } from './http-error.js';
import type { ServerMetrics } from './metrics.js';

/** Reads in flight at once on the embedded store before more are turned away (PGlite runs one at a time). */
export const PGLITE_MAX_READS = 64;

/**
 * Load shedding for the API's reads: at most `max` GET /api/v1/* requests in flight (event streams aside);
 * past that a read is answered at once with 503 `unavailable` and `Retry-After: 1` instead of waiting
 * behind the others until the client gives up. Ingest is never turned away here: agents' batches queue.
 * The count is released when the response closes, whether it finished or the client went away.
 */
export function installReadAdmission(app: FastifyInstance, max: number, metrics: ServerMetrics): void {
  if (!Number.isFinite(max)) return;
  let inFlight = 0;
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !req.url.startsWith('/api/v1/') || req.url.startsWith('/api/v1/events'))
      return;
    if (inFlight >= max) {
      metrics.shedReads.inc();
      return reply
        .code(503)
        .header('Retry-After', '1')
        .send(errorBody('unavailable', `the store is busy: ${inFlight} reads in flight; retry shortly`));
    }
    inFlight++;
    metrics.readsInFlight.set(inFlight);
    reply.raw.once('close', () => {
      inFlight--;
      metrics.readsInFlight.set(inFlight);
    });
  });
}
