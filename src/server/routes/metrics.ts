import type { RouteGroup } from '../context.js';

export const metricsRoutes: RouteGroup = (app, ctx) => {
  app.get(
    '/metrics',
    {
      schema: {
        summary: "The server's own Prometheus metrics (no token)",
        tags: ['operations'],
        security: [],
      },
    },
    async (_req, reply) => {
      const text = await ctx.metrics.registry.metrics();
      return reply.type(ctx.metrics.registry.contentType).send(text);
    },
  );
};
