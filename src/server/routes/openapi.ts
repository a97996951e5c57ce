import type { RouteGroup } from '../context.js';

export const openapiRoutes: RouteGroup = (app) => {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
