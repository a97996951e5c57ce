import { describe, expect, test } from 'vitest';
import { SingleFlight, queryKey } from './single-flight.js';

describe('SingleFlight', () => {
  test('concurrent callers of one key share one call; later callers start a new one', async () => {
    const sf = new SingleFlight();
    let calls = 0;
    let release: (v: number) => void = () => {};
    const fn = () => {
      calls++;
      return new Promise<number>((r) => (release = r));
    };
    const a = sf.run('k', fn);
    const b = sf.run('k', fn);
    const c = sf.run('other', () => Promise.resolve(7));
    release(42);
    expect(await Promise.all([a, b, c])).toEqual([42, 42, 7]);
    expect(calls).toBe(1);
    expect(sf.shared).toBe(1);
    await sf.run('k', () => Promise.resolve(1));
    expect(calls).toBe(1); // the third call used its own fn
  });

  test('a failure is shared by the callers that waited for it, not kept', async () => {
    const sf = new SingleFlight();
    let fail: (e: Error) => void = () => {};
    const a = sf.run('k', () => new Promise((_r, j) => (fail = j)));
    const b = sf.run('k', () => Promise.resolve('unused'));
    fail(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await expect(b).rejects.toThrow('down');
    expect(await sf.run('k', () => Promise.resolve('up'))).toBe('up');
  });

  test('query keys ignore parameter order', () => {
    expect(queryKey('/r', { a: 1, b: 'x' })).toBe(queryKey('/r', { b: 'x', a: 1 }));
    expect(queryKey('/r', { a: 1 })).not.toBe(queryKey('/r', { a: '1' }));
  });
});
