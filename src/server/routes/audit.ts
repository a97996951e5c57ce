import type { RouteGroup } from '../context.js';
import { HttpError } from '../http-error.js';
import { batchId, errorSchema } from '../schemas.js';

const reachSchema = {
  type: ['object', 'null'],
  required: ['nodes', 'edges'],
  properties: {
    nodes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string' },
          namespace: { type: 'string' },
          name: { type: 'string' },
          kind: { type: 'string' },
          protected: {
            type: 'object',
            properties: { ingress: { type: 'boolean' }, egress: { type: 'boolean' } },
          },
        },
      },
    },
    edges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['src', 'dst'],
        properties: { src: { type: 'string' }, dst: { type: 'string' }, conn: { type: 'string' } },
      },
    },
  },
} as const;

type AuditBody = { batch_id: string; source: string; findings: unknown[]; reach?: unknown };

export const auditRoutes: RouteGroup = (app, ctx) => {
  app.post<{ Body: AuditBody }>(
    '/api/v1/audit',
    {
      bodyLimit: ctx.limits.ingest,
      schema: {
        summary: 'Upload an audit run (findings of `vigil audit --format json`, optional reachability graph)',
        tags: ['ingest', 'audit'],
        body: {
          type: 'object',
          required: ['batch_id', 'source', 'findings'],
          additionalProperties: false,
          properties: {
            batch_id: batchId,
            source: { type: 'string', minLength: 1, maxLength: 1024 },
            findings: { type: 'array', items: { type: 'object' } },
            reach: reachSchema,
          },
        },
        response: { 400: errorSchema, 401: errorSchema, 503: errorSchema },
      },
    },
    async (req) => {
      const b = req.body;
      const r = await ctx.store.ingestAudit({
        batchId: b.batch_id,
        source: b.source,
        findings: b.findings,
        reach: b.reach ?? null,
      });
      ctx.metrics.ingest('audit', r.duplicate ? 'duplicate' : 'accepted', b.findings.length);
      return r;
    },
  );

  app.get(
    '/api/v1/audit/latest',
    { schema: { summary: 'The newest audit run', tags: ['audit'], response: { 404: errorSchema } } },
    async () => {
      const run = await ctx.store.latestAudit();
      if (run === null) throw new HttpError('not_found', 'no audit run uploaded yet');
      return run;
    },
  );
};
