import type { RouteGroup } from '../context.js';
import { HttpError } from '../http-error.js';
import { errorSchema, rangeQuery } from '../schemas.js';
import { queryKey } from '../single-flight.js';
import { timeRange } from '../time.js';

const NICE = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The bucket for ~60 buckets over a span: the smallest "round" size that gives at most 60. */
export function defaultBucket(spanSeconds: number): number {
  const want = spanSeconds / 60;
  for (const b of NICE) if (b >= want) return b;
  return Math.ceil(want / 86400) * 86400;
}

export const overviewRoutes: RouteGroup = (app, ctx) => {
  app.get<{ Querystring: { from?: string; to?: string; bucket?: number } }>(
    '/api/v1/overview',
    {
      schema: {
        summary: 'Dashboard overview: nodes, alert rate, top signatures and talkers, newest alerts',
        tags: ['overview'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...rangeQuery, bucket: { type: 'integer', minimum: 1, maximum: 31 * 86400 } },
        },
        response: { 400: errorSchema },
      },
    },
    async (req) => {
      const r = timeRange(req.query);
      // Whole seconds by default, so dashboards polling at the same moment share one query.
      const to = r.to ?? Math.floor(ctx.clock() / 1000);
      const from = r.from ?? to - 86400;
      if (!(from < to))
        throw new HttpError('bad_request', 'from must be before to', [
          { path: '/from', message: 'must be before to', in: 'query' },
        ]);
      const bucket = req.query.bucket ?? defaultBucket(to - from);
      if ((to - from) / bucket > 10000)
        throw new HttpError('bad_request', 'too many buckets', [
          { path: '/bucket', message: 'gives more than 10000 buckets over the range', in: 'query' },
        ]);
      const [nodes, o] = await Promise.all([
        ctx.reads.run('nodes', () => ctx.store.nodes()),
        ctx.reads.run(queryKey('overview', { from, to, bucket }), () =>
          ctx.store.overview({ from, to }, bucket),
        ),
      ]);
      return { from, to, bucket, nodes, ...o };
    },
  );
};
