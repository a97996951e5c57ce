import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';
import type { EventBus } from './event-bus.js';
import type { ServerMetrics } from './metrics.js';
import type { LiveScoring } from './scoring.js';
import type { SingleFlight } from './single-flight.js';

/** What every route group gets: the store and the server's shared services. */
export interface ServerContext {
  store: Store;
  bus: EventBus;
  metrics: ServerMetrics;
  scoring: LiveScoring;
  /** Identical concurrent reads share one store query. */
  reads: SingleFlight;
  /** ms since the epoch. */
  clock: () => number;
  /** Body limits in bytes: ingest routes, every other route. */
  limits: { ingest: number; other: number };
  /** Close SSE streams when the server closes (events.ts registers them). */
  streams: Set<{ end(): void }>;
}

/** A group of routes: one file each, listed in routes/registry.ts. */
export type RouteGroup = (app: FastifyInstance, ctx: ServerContext) => void;
