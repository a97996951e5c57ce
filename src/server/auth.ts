import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { VigilError } from '../core/errors.js';
import { errorBody } from './http-error.js';

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * A bearer-token check in constant time: both sides are hashed (so lengths never differ) and the presented
 * hash is compared with every configured one, without stopping at the first match.
 */
export function tokenChecker(tokens: readonly string[]): (presented: string) => boolean {
  if (tokens.length === 0)
    throw new VigilError('E_CONFIG', 'no API token configured: give --token-file FILE or VIGIL_TOKENS');
  const hashes = tokens.map(sha256);
  return (presented) => {
    const h = sha256(presented);
    let ok = false;
    for (const k of hashes) ok = timingSafeEqual(h, k) || ok;
    return ok;
  };
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** True for the paths that need a token (every `/api/…`; the dashboard, health and metrics do not). */
export function needsToken(url: string): boolean {
  return url.startsWith('/api/');
}

/**
 * An onRequest hook (it runs before the body is read, so an unauthenticated client cannot make the server
 * parse 16 MiB or learn anything from validation errors). The token never travels in the query string.
 */
export function authHook(check: (t: string) => boolean) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!needsToken(req.url)) return;
    const m = BEARER.exec(req.headers.authorization ?? '');
    if (m !== null && check(m[1]!)) return;
    await reply
      .code(401)
      .header('WWW-Authenticate', 'Bearer realm="vigil"')
      .send(errorBody('unauthorized', m === null ? 'missing bearer token' : 'invalid token'));
  };
}
