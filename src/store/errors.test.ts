import { describe, expect, it } from 'vitest';
import { toStoreError } from './errors.js';
import { openStore } from './open.js';
import { StoreError } from './store.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('toStoreError', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED')],
    ['admin shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['connection failure', withCode('connection failure', '08006')],
    ['cannot connect now', withCode('the database system is starting up', '57P03')],
    ['socket gone', new Error('Connection terminated unexpectedly')],
    ['all addresses refused', new AggregateError([withCode('x', 'ECONNREFUSED')], 'all failed')],
  ])('%s → E_STORE_UNAVAILABLE', (_, e) => {
    const s = toStoreError(e, 'ingest');
    expect(s.code).toBe('E_STORE_UNAVAILABLE');
    expect(s.cause).toBe(e);
  });

  it.each([
    ['unique violation', withCode('duplicate key', '23505')],
    ['undefined table', withCode('relation "x" does not exist', '42P01')],
    ['plain error', new Error('boom')],
  ])('%s → E_STORE_QUERY with the cause', (_, e) => {
    const s = toStoreError(e, 'ingest');
    expect(s.code).toBe('E_STORE_QUERY');
    expect(s.message).toContain(e.message);
    expect(s.cause).toBe(e);
  });

  it('passes a StoreError through', () => {
    const e = new StoreError('E_STORE_INPUT', 'bad');
    expect(toStoreError(e, 'x')).toBe(e);
  });
});

describe('a PostgreSQL that is not there', () => {
  it('answers E_STORE_UNAVAILABLE from ping, migrate and ingest', async () => {
    const store = await openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      await expect(store.ping()).rejects.toMatchObject({ code: 'E_STORE_UNAVAILABLE' });
      await expect(store.migrate()).rejects.toMatchObject({ code: 'E_STORE_UNAVAILABLE' });
      await expect(store.ingestSamples('b', [])).rejects.toMatchObject({ code: 'E_STORE_UNAVAILABLE' });
    } finally {
      await store.close();
    }
  });
});
