import type { RouteGroup } from '../context.js';
import { alertRoutes } from './alerts.js';
import { auditRoutes } from './audit.js';
import { datasetRoutes } from './dataset.js';
import { eventRoutes } from './events.js';
import { healthRoutes } from './health.js';
import { ingestRoutes } from './ingest.js';
import { labelRoutes } from './labels.js';
import { logRoutes } from './logs.js';
import { metricsRoutes } from './metrics.js';
import { openapiRoutes } from './openapi.js';
import { overviewRoutes } from './overview.js';
import { samplesRoutes } from './samples.js';

/** Every route group by name: adding routes is a file here and a line in this table. */
export const RouteGroups = {
  ingest: ingestRoutes,
  samples: samplesRoutes,
  labels: labelRoutes,
  dataset: datasetRoutes,
  alerts: alertRoutes,
  logs: logRoutes,
  overview: overviewRoutes,
  audit: auditRoutes,
  events: eventRoutes,
  health: healthRoutes,
  metrics: metricsRoutes,
  openapi: openapiRoutes,
} satisfies Record<string, RouteGroup>;
