import type { SampleRow } from '../../store/store.js';
import type { RouteGroup, ServerContext } from '../context.js';
import { errorSchema, nodeName, rangeQuery } from '../schemas.js';
import { timeRange } from '../time.js';
import { zscoreRows } from '../zscore.js';

export const MAX_SAMPLES = 100000;

const samplesQuery = {
  type: 'object',
  required: ['node'],
  additionalProperties: false,
  properties: {
    node: nodeName,
    ...rangeQuery,
    limit: { type: 'integer', minimum: 1, maximum: MAX_SAMPLES, default: 10000 },
  },
} as const;

type SamplesQuery = { node: string; from?: string; to?: string; limit: number };

async function load(ctx: ServerContext, q: SamplesQuery): Promise<SampleRow[]> {
  return ctx.store.samples(q.node, timeRange(q), q.limit);
}

export const samplesRoutes: RouteGroup = (app, ctx) => {
  app.get(
    '/api/v1/nodes',
    { schema: { summary: 'Nodes that sent samples, with their newest score', tags: ['samples'] } },
    async () => ({ items: await ctx.reads.run('nodes', () => ctx.store.nodes()) }),
  );

  app.get<{ Querystring: SamplesQuery }>(
    '/api/v1/samples',
    {
      schema: {
        summary: "A node's raw samples, ascending ts",
        tags: ['samples'],
        querystring: samplesQuery,
        response: { 400: errorSchema },
      },
    },
    async (req) => ({ items: await load(ctx, req.query) }),
  );

  app.get<{ Querystring: SamplesQuery }>(
    '/api/v1/samples/zscore',
    {
      schema: {
        summary: "A node's samples, each feature z-scored over the rows in range (constant features give 0)",
        tags: ['samples'],
        querystring: samplesQuery,
        response: { 400: errorSchema },
      },
    },
    async (req) => ({ items: zscoreRows(await load(ctx, req.query)) }),
  );

  app.get<{ Querystring: SamplesQuery }>(
    '/api/v1/scores',
    {
      schema: {
        summary: "A node's anomaly scores, ascending ts, with the alert thresholds",
        tags: ['samples'],
        querystring: samplesQuery,
        response: { 400: errorSchema },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await ctx.store.scores(q.node, timeRange(q), q.limit);
      return {
        threshold: ctx.scoring.uniAlertAt,
        multivariate_threshold: ctx.scoring.multiAlertAt,
        items: rows.map((r) => ({
          ts: r.ts,
          score: r.score,
          multivariate: r.multivariate,
          drivers: r.drivers,
        })),
      };
    },
  );
};
