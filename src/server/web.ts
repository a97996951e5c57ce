import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const defaultWebRoot = (): string => join(packageRoot(), 'web', 'dist');

// Inline styles are allowed because the chart libraries set element styles; scripts only from our origin.
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vigil</title></head>
<body><h1>Vigil</h1><p>The API is running, but the dashboard is not built. Run <code>npm run build:web</code>
and restart the server.</p><p>API: <a href="/openapi.json">/openapi.json</a> · health: <a href="/healthz">/healthz</a></p></body></html>
`;

/** Serve the dashboard from `root` when it has index.html; returns whether the SPA fallback applies. */
export function registerWeb(app: FastifyInstance, root: string | null): boolean {
  if (root !== null && existsSync(join(root, 'index.html'))) {
    void app.register(fastifyStatic, {
      root,
      prefix: '/',
      index: ['index.html'],
      cacheControl: false,
      setHeaders(res, path) {
        // Vite's assets carry a content hash in their names: cache them for good; index.html never.
        res.setHeader(
          'Cache-Control',
          path.includes(`${'/'}assets${'/'}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    return true;
  }
  app.get('/', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(NOT_BUILT),
  );
  return false;
}
