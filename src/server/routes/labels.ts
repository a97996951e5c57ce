import type { RouteGroup } from '../context.js';
import { HttpError } from '../http-error.js';
import { epochSeconds, errorSchema, nodeName } from '../schemas.js';

type LabelBody = { node: string; from: number; to: number; attack: 0 | 1 };

export const labelRoutes: RouteGroup = (app, ctx) => {
  app.post<{ Body: LabelBody }>(
    '/api/v1/labels',
    {
      schema: {
        summary: "Set the attack label on a node's samples with from <= ts < to",
        tags: ['samples'],
        body: {
          type: 'object',
          required: ['node', 'from', 'to', 'attack'],
          additionalProperties: false,
          properties: {
            node: nodeName,
            from: epochSeconds,
            to: epochSeconds,
            attack: { type: 'integer', enum: [0, 1] },
          },
        },
        response: { 200: { type: 'object', properties: { updated: { type: 'integer' } } }, 400: errorSchema },
      },
    },
    async (req) => {
      const { node, from, to, attack } = req.body;
      if (!(from < to))
        throw new HttpError('bad_request', 'from must be before to', [
          { path: '/to', message: 'must be greater than from', in: 'body' },
        ]);
      return { updated: await ctx.store.label(node, from, to, attack) };
    },
  );
};
