import { stringify } from 'csv-stringify';
import { LOG_KINDS, type LogKind } from '../../store/store.js';
import type { RouteGroup } from '../context.js';
import { logCell, logColumns, logFilters } from '../log-query.js';
import { errorSchema, pageQuery, rangeQuery } from '../schemas.js';
import { timeRange } from '../time.js';

type LogsQuery = {
  from?: string;
  to?: string;
  node?: string;
  sort?: string;
  limit: number;
  offset: number;
  format: 'json' | 'csv';
} & Record<string, unknown>;

export const logRoutes: RouteGroup = (app, ctx) => {
  app.get<{ Params: { kind: LogKind }; Querystring: LogsQuery }>(
    '/api/v1/logs/:kind',
    {
      schema: {
        summary: 'Protocol log records; any Zeek field of the log filters (`field=value`, `field=~text`)',
        tags: ['logs'],
        params: {
          type: 'object',
          required: ['kind'],
          properties: { kind: { type: 'string', enum: LOG_KINDS } },
        },
        querystring: {
          type: 'object',
          additionalProperties: true,
          properties: {
            ...rangeQuery,
            node: { type: 'string' },
            sort: {
              type: 'string',
              description: 'a field of the log, `-` prefix for descending (default -ts)',
            },
            format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
            ...pageQuery,
          },
        },
        response: { 400: errorSchema },
      },
    },
    async (req, reply) => {
      const { kind } = req.params;
      const q = req.query;
      const { where, sort } = logFilters(kind, q);
      const query = {
        ...timeRange(q),
        where,
        ...(q.node !== undefined ? { node: q.node } : {}),
        ...(sort !== undefined ? { sort } : {}),
      };
      const page = await ctx.store.logs(kind, query, { limit: q.limit, offset: q.offset });
      if (q.format === 'json') return page;
      const columns = [...logColumns(kind).map((f) => f.name), 'node'];
      const csv = stringify({ header: true, columns });
      for (const r of page.items) csv.write(columns.map((c) => logCell(r[c])));
      csv.end();
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${kind}.csv"`)
        .header('X-Total-Count', String(page.total))
        .send(csv);
    },
  );
};
