import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { FEATURE_NAMES } from '../../metrics/features.js';
import type { SampleRow, Store, TimeRange } from '../../store/store.js';
import type { RouteGroup } from '../context.js';
import { errorSchema, nodeName, rangeQuery } from '../schemas.js';
import { timeRange } from '../time.js';
import { ZStats, zRow, type FeatureStats } from '../zscore.js';

export const DATASET_COLUMNS = ['node', 'ts', ...FEATURE_NAMES, 'attack'] as const;
const PAGE = 5000;

/** Every sample of a node in range, page by page (keyset on ts, so memory stays one page). */
async function* samplePages(store: Store, node: string, range: TimeRange, first?: SampleRow[]) {
  let last = -Infinity;
  let page = first ?? (await store.samples(node, range, PAGE));
  for (;;) {
    const rows = page.filter((r) => r.ts > last);
    if (rows.length > 0) yield rows;
    if (page.length < PAGE) return;
    last = page[page.length - 1]!.ts;
    page = await store.samples(node, { ...range, from: last }, PAGE);
  }
}

function csvRecord(r: SampleRow): (string | number)[] {
  return [r.node, r.ts, ...FEATURE_NAMES.map((f) => r[f] ?? ''), r.attack];
}

type DatasetQuery = { node: string; view: 'raw' | 'zscore'; from?: string; to?: string };

export const datasetRoutes: RouteGroup = (app, ctx) => {
  app.get<{ Querystring: DatasetQuery }>(
    '/api/v1/dataset.csv',
    {
      schema: {
        summary: "A node's labelled dataset as CSV (raw counters or z-scored), streamed as an attachment",
        tags: ['samples'],
        querystring: {
          type: 'object',
          required: ['node'],
          additionalProperties: false,
          properties: {
            node: nodeName,
            view: { type: 'string', enum: ['raw', 'zscore'], default: 'raw' },
            ...rangeQuery,
          },
        },
        response: { 400: errorSchema },
      },
    },
    async (req, reply) => {
      const { node, view } = req.query;
      const range = timeRange(req.query);
      // The first page is read before the answer starts, so an unreachable store is still a clean 503.
      const first = await ctx.store.samples(node, range, PAGE);
      let stats: FeatureStats | null = null;
      if (view === 'zscore') {
        const z = new ZStats();
        for await (const rows of samplePages(ctx.store, node, range, first)) for (const r of rows) z.add(r);
        stats = z.stats();
      }
      const s = stats;
      async function* records() {
        for await (const rows of samplePages(ctx.store, node, range, s === null ? first : undefined))
          for (const r of rows) yield csvRecord(s === null ? r : zRow(r, s));
      }
      const src = Readable.from(records());
      const csv = src.pipe(stringify({ header: true, columns: [...DATASET_COLUMNS] }));
      // A store failure mid-stream cannot change the status any more: cut the answer short instead.
      src.on('error', (e) => {
        req.log.error({ err: e }, 'dataset export failed');
        csv.destroy(e);
      });
      const name = `vigil-${node.replace(/[^A-Za-z0-9._-]/g, '_')}-${view}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .send(csv);
    },
  );
};
