import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  LOG_KINDS,
  type AlertIn,
  type LogKind,
  type LogRow,
  type RuleText,
  type SampleRow,
} from '../../store/store.js';
import { alertIn } from '../alert-map.js';
import type { RouteGroup, ServerContext } from '../context.js';
import { batchId, epochSeconds, errorSchema, ingestAnswer, nodeName, sampleIn } from '../schemas.js';

const answers = { 200: ingestAnswer, 400: errorSchema, 401: errorSchema, 413: errorSchema, 503: errorSchema };

const alertItem = {
  type: 'object',
  required: ['seconds', 'gid', 'sid', 'rev', 'msg'],
  properties: {
    seconds: { type: 'integer', minimum: 0 },
    ts_usec: { type: 'integer', minimum: 0, maximum: 999999 },
    gid: { type: 'integer', minimum: 0 },
    sid: { type: 'integer', minimum: 0 },
    rev: { type: 'integer', minimum: 0 },
    msg: { type: 'string' },
    priority: { type: 'integer', minimum: 0 },
    src_ap: { type: 'string' },
    dst_ap: { type: 'string' },
    community_id: { type: 'string' },
  },
} as const;

const ruleItem = {
  type: 'object',
  required: ['gid', 'sid', 'rev', 'text'],
  additionalProperties: false,
  properties: {
    gid: { type: 'integer', minimum: 0 },
    sid: { type: 'integer', minimum: 0 },
    rev: { type: 'integer', minimum: 0 },
    text: { type: 'string', maxLength: 65536 },
  },
} as const;

const logRecords = {
  type: 'array',
  items: { type: 'object', required: ['ts'], properties: { ts: epochSeconds } },
} as const;

export function publishAlerts(ctx: ServerContext, alerts: readonly AlertIn[]): void {
  let newest = -Infinity;
  for (const a of alerts) newest = Math.max(newest, Number(a['ts']));
  if (alerts.length > 0)
    ctx.bus.publish({ type: 'alerts', data: { count: alerts.length, newest_ts: newest } });
}

async function ingestSamples(
  ctx: ServerContext,
  req: FastifyRequest<{ Body: { batch_id: string; samples: SampleRow[] } }>,
) {
  const { batch_id, samples } = req.body;
  const r = await ctx.store.ingestSamples(batch_id, samples);
  ctx.metrics.ingest(
    'samples',
    r.duplicate ? 'duplicate' : 'accepted',
    r.duplicate ? samples.length : r.accepted,
  );
  if (r.duplicate) return r;
  const newest = new Map<string, number>();
  for (const s of samples) newest.set(s.node, Math.max(newest.get(s.node) ?? -Infinity, s.ts));
  for (const [node, ts] of newest) ctx.bus.publish({ type: 'samples', data: { node, ts } });
  try {
    await ctx.scoring.score(batch_id, samples);
  } catch (e) {
    // The batch is stored; a scoring failure is logged and counted, never turned into a failed ingest.
    ctx.metrics.scoringFailures.inc();
    req.log.error({ err: e, batch_id }, 'scoring failed');
  }
  return r;
}

type AlertsBody = { batch_id: string; node: string; alerts: AlertIn[]; rules?: RuleText[] };
type LogsBody = { batch_id: string; node: string; logs: Partial<Record<LogKind, LogRow[]>> };

export const ingestRoutes: RouteGroup = (app: FastifyInstance, ctx) => {
  const bodyLimit = ctx.limits.ingest;
  app.post<{ Body: { batch_id: string; samples: SampleRow[] } }>(
    '/api/v1/ingest/samples',
    {
      bodyLimit,
      schema: {
        summary: 'Ingest node samples (scored on arrival)',
        tags: ['ingest'],
        body: {
          type: 'object',
          required: ['batch_id', 'samples'],
          additionalProperties: false,
          properties: { batch_id: batchId, samples: { type: 'array', items: sampleIn } },
        },
        response: answers,
      },
    },
    (req) => ingestSamples(ctx, req),
  );

  app.post<{ Body: AlertsBody }>(
    '/api/v1/ingest/alerts',
    {
      bodyLimit,
      schema: {
        summary: 'Ingest alerts as `vigil ids -A json` prints them, with optional rule texts',
        tags: ['ingest'],
        body: {
          type: 'object',
          required: ['batch_id', 'node', 'alerts'],
          additionalProperties: false,
          properties: {
            batch_id: batchId,
            node: nodeName,
            alerts: { type: 'array', items: alertItem },
            rules: { type: 'array', items: ruleItem },
          },
        },
        response: answers,
      },
    },
    async (req) => {
      const { batch_id, node, rules = [] } = req.body;
      const alerts = req.body.alerts.map((a) => alertIn(a, node));
      const r = await ctx.store.ingestAlerts(batch_id, node, alerts, rules);
      ctx.metrics.ingest(
        'alerts',
        r.duplicate ? 'duplicate' : 'accepted',
        r.duplicate ? alerts.length : r.accepted,
      );
      if (!r.duplicate) publishAlerts(ctx, alerts);
      return r;
    },
  );

  app.post<{ Body: LogsBody }>(
    '/api/v1/ingest/logs',
    {
      bodyLimit,
      schema: {
        summary: 'Ingest Zeek-style protocol log records',
        tags: ['ingest'],
        body: {
          type: 'object',
          required: ['batch_id', 'node', 'logs'],
          additionalProperties: false,
          properties: {
            batch_id: batchId,
            node: nodeName,
            logs: {
              type: 'object',
              additionalProperties: false,
              properties: Object.fromEntries(LOG_KINDS.map((k) => [k, logRecords])),
            },
          },
        },
        response: answers,
      },
    },
    async (req) => {
      const { batch_id, node, logs } = req.body;
      const rows = LOG_KINDS.reduce((n, k) => n + (logs[k]?.length ?? 0), 0);
      const r = await ctx.store.ingestLogs(batch_id, node, logs);
      ctx.metrics.ingest('logs', r.duplicate ? 'duplicate' : 'accepted', r.duplicate ? rows : r.accepted);
      return r;
    },
  );
};
