import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { VigilError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { tokenChecker } from './auth.js';
import { createServer } from './server.js';
import { testServer, type TestServer } from './testkit/harness.js';
import { loadTokens } from './tokens.js';

describe('tokenChecker', () => {
  test('accepts each configured token and nothing else', () => {
    const check = tokenChecker(['alpha', 'beta-longer-token', 'γ']);
    expect(check('alpha')).toBe(true);
    expect(check('beta-longer-token')).toBe(true);
    expect(check('γ')).toBe(true);
    expect(check('alph')).toBe(false);
    expect(check('alphaa')).toBe(false);
    expect(check('')).toBe(false);
  });

  test('refuses an empty token list with a config error', () => {
    expect(() => tokenChecker([])).toThrow(VigilError);
    expect(() => createServer({ store: {} as Store, tokens: [], webRoot: null, metrics: false })).toThrow(
      /no API token/,
    );
  });
});

describe('loadTokens', () => {
  test('reads a file (comments, blank lines) and the env list, deduplicated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-tokens-'));
    const file = join(dir, 'tokens');
    writeFileSync(file, '# agents\n\nagent-1\n  agent-2  # the second\r\nshared\n');
    expect(loadTokens({ file, env: 'shared, web-1,,' })).toEqual(['agent-1', 'agent-2', 'shared', 'web-1']);
    expect(loadTokens({})).toEqual([]);
  });

  test('an unreadable file is a config error naming it', () => {
    expect(() => loadTokens({ file: '/nonexistent/vigil-tokens' })).toThrow(/\/nonexistent\/vigil-tokens/);
    try {
      loadTokens({ file: '/nonexistent/vigil-tokens' });
    } catch (e) {
      expect((e as VigilError).code).toBe('E_CONFIG');
    }
  });
});

describe('bearer auth on /api/v1', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer({ tokens: ['first-token', 'second-token'] });
  });
  afterAll(() => s.close());

  test.each([
    ['no header', {}],
    ['wrong token', { authorization: 'Bearer nope' }],
    ['wrong scheme', { authorization: 'Basic Zmlyc3QtdG9rZW4=' }],
    ['prefix of a token', { authorization: 'Bearer first' }],
  ])('%s → 401 with WWW-Authenticate', async (_name, headers) => {
    const r = await s.app.inject({ method: 'GET', url: '/api/v1/nodes', headers });
    expect(r.statusCode).toBe(401);
    expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(r.json()).toMatchObject({ error: 'unauthorized' });
  });

  test('every configured token works', async () => {
    for (const t of ['first-token', 'second-token']) {
      const r = await s.app.inject({
        method: 'GET',
        url: '/api/v1/nodes',
        headers: { authorization: `Bearer ${t}` },
      });
      expect(r.statusCode).toBe(200);
    }
  });

  test('a token in the query string is not accepted', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/v1/events?token=first-token' });
    expect(r.statusCode).toBe(401);
  });

  test('auth runs before the body is read: a bad body without a token is 401, not 400', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/samples',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(r.statusCode).toBe(401);
  });

  test('health, metrics, openapi and / need no token', async () => {
    for (const url of ['/healthz', '/openapi.json', '/'])
      expect((await s.app.inject({ url })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });
});
