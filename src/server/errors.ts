import type { FastifyError, FastifyInstance } from 'fastify';
import { StoreError } from '../store/store.js';
import { HttpError, errorBody } from './http-error.js';
import { validationDetails } from './validation.js';

/**
 * The one place errors become HTTP answers (docs/api.md's error shape). Messages of unexpected errors
 * stay in the log; a client sees only a generic one, never a stack.
 */
export function installErrorHandler(app: FastifyInstance, limits: { ingest: number; other: number }): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    const fe = err as FastifyError;
    if (fe.validation !== undefined) {
      const details = validationDetails(fe.validation as never, fe.validationContext);
      const where = fe.validationContext === 'body' ? 'body' : 'query';
      return reply
        .code(400)
        .send(errorBody('bad_request', `invalid ${where}: ${details.length} problem(s)`, details));
    }
    if (err instanceof HttpError)
      return reply.code(err.status).send(errorBody(err.error, err.message, err.details));
    if (err instanceof StoreError) {
      if (err.code === 'E_STORE_UNAVAILABLE') {
        req.log.warn({ err }, 'store unavailable');
        return reply
          .code(503)
          .header('Retry-After', '5')
          .send(errorBody('unavailable', 'the store cannot be reached; nothing was stored, retry later'));
      }
      if (err.code === 'E_STORE_INPUT') return reply.code(400).send(errorBody('bad_request', err.message));
      req.log.error({ err }, 'store error');
      return reply.code(500).send(errorBody('internal', 'internal error'));
    }
    const status = fe.statusCode ?? 500;
    if (status === 413) {
      const bytes = req.routeOptions.bodyLimit ?? limits.other;
      return reply.code(413).send(errorBody('payload_too_large', `body larger than ${bytes} bytes`));
    }
    if (status === 415)
      return reply
        .code(415)
        .send(errorBody('unsupported_media_type', 'body must be JSON (Content-Type: application/json)'));
    if (status === 404) return reply.code(404).send(errorBody('not_found', fe.message));
    if (status >= 400 && status < 500) return reply.code(400).send(errorBody('bad_request', fe.message));
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody('internal', 'internal error'));
  });
}
