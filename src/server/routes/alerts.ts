import type { AlertFilter, AlertSort } from '../../store/store.js';
import type { RouteGroup } from '../context.js';
import { HttpError } from '../http-error.js';
import { alertFilterQuery, errorSchema, pageQuery } from '../schemas.js';
import { queryKey } from '../single-flight.js';
import { timeRange } from '../time.js';

const SORTS = ['ts', '-ts', 'priority', '-priority', 'sid', '-sid'] as const;

type FilterQuery = {
  sid?: number;
  gid?: number;
  node?: string;
  pod?: string;
  namespace?: string;
  addr?: string;
  port?: number;
  classtype?: string;
  priority?: number;
  proto?: string;
  community_id?: string;
  q?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
};

/** Query parameters → the store's filter (only the keys that were given). */
export function alertFilter(q: FilterQuery): AlertFilter {
  const f: AlertFilter = { ...timeRange(q) };
  const copy = <K extends keyof AlertFilter & keyof FilterQuery>(k: K) => {
    if (q[k] !== undefined) (f as Record<string, unknown>)[k] = q[k];
  };
  for (const k of [
    'sid',
    'gid',
    'node',
    'pod',
    'namespace',
    'addr',
    'port',
    'classtype',
    'priority',
    'proto',
    'q',
  ] as const)
    copy(k);
  if (q.community_id !== undefined) f.communityId = q.community_id;
  return f;
}

const RELATED_PER_KIND = 50;

export const alertRoutes: RouteGroup = (app, ctx) => {
  app.get<{ Querystring: FilterQuery & { sort: AlertSort } }>(
    '/api/v1/alerts',
    {
      schema: {
        summary: 'Alerts matching every given filter, newest first by default',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...alertFilterQuery,
            sort: { type: 'string', enum: SORTS, default: '-ts' },
            ...pageQuery,
          },
        },
        response: { 400: errorSchema },
      },
    },
    async (req) => {
      const q = req.query;
      return ctx.reads.run(queryKey('alerts', q), () =>
        ctx.store.alerts(alertFilter(q), q.sort, { limit: q.limit, offset: q.offset }),
      );
    },
  );

  app.get<{ Querystring: FilterQuery & { by: 'signature' | 'src' } }>(
    '/api/v1/alerts/groups',
    {
      schema: {
        summary: 'Alerts grouped by signature or source address, by count descending',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...alertFilterQuery,
            by: { type: 'string', enum: ['signature', 'src'], default: 'signature' },
            ...pageQuery,
          },
        },
        response: { 400: errorSchema },
      },
    },
    async (req) => {
      const q = req.query;
      return ctx.reads.run(queryKey('alert-groups', q), () =>
        ctx.store.alertGroups(q.by, alertFilter(q), { limit: q.limit, offset: q.offset }),
      );
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/v1/alerts/:id',
    {
      schema: {
        summary: 'One alert with its rule text and the protocol log records of its flow (Community ID)',
        tags: ['alerts'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
        response: { 400: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const a = await ctx.store.alert(req.params.id);
      if (a === null) throw new HttpError('not_found', `no alert ${req.params.id}`);
      const gid = Number(a['gid']);
      const sid = Number(a['sid']);
      const cid = a['community_id'];
      const [rule_text, related] = await Promise.all([
        Number.isInteger(gid) && Number.isInteger(sid) ? ctx.store.ruleText(gid, sid) : Promise.resolve(null),
        typeof cid === 'string' && cid !== ''
          ? ctx.store.logsByCommunityId(cid, RELATED_PER_KIND)
          : Promise.resolve({ conn: [], dns: [], http: [], ssl: [] }),
      ]);
      return { ...a, rule_text, related };
    },
  );
};
