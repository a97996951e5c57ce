import type { RouteGroup } from '../context.js';
import type { BusEvent } from '../event-bus.js';

export const KEEPALIVE_MS = 15_000;
/** A client that stops reading is dropped once this much is queued for it, rather than buffered forever. */
const MAX_QUEUED = 1 << 20;

export const eventRoutes: RouteGroup = (app, ctx) => {
  app.get(
    '/api/v1/events',
    {
      schema: {
        summary: 'Server-sent events: alerts, samples and scores as they are ingested',
        description: 'text/event-stream; read with fetch and the Authorization header (no token in the URL).',
        tags: ['events'],
      },
    },
    (req, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
        'X-Content-Type-Options': 'nosniff',
      });
      res.write(': connected\n\n');
      let closed = false;
      const stream = {
        end() {
          if (closed) return;
          closed = true;
          clearInterval(timer);
          unsubscribe();
          ctx.streams.delete(stream);
          ctx.metrics.sseClients.dec();
          res.end();
        },
      };
      const send = (text: string) => {
        if (closed) return;
        if (res.writableLength > MAX_QUEUED) return stream.end();
        res.write(text);
      };
      const unsubscribe = ctx.bus.subscribe((e: BusEvent) =>
        send(`event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`),
      );
      const timer = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
      timer.unref();
      ctx.streams.add(stream);
      ctx.metrics.sseClients.inc();
      const gone = () => stream.end();
      req.raw.on('close', gone);
      res.on('close', gone);
      res.on('error', gone);
    },
  );
};
