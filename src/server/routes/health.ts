import type { RouteGroup } from '../context.js';

export const healthRoutes: RouteGroup = (app, ctx) => {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness and store reachability (no token)',
        tags: ['operations'],
        security: [],
        response: {
          200: { type: 'object', properties: { status: { type: 'string' } } },
          503: { type: 'object', properties: { status: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
    async (_req, reply) => {
      try {
        await ctx.store.ping();
        return { status: 'ok' };
      } catch (e) {
        return reply
          .code(503)
          .send({ status: 'unavailable', message: e instanceof Error ? e.message : 'store unreachable' });
      }
    },
  );
};
