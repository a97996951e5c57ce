import { describe, expect, it } from 'vitest';
import { BufferPool } from './buffer-pool.js';

describe('BufferPool', () => {
  it('hands out powers of two of at least 2 KiB, and a buffer given back to the next taker of its size', () => {
    const pool = new BufferPool();
    expect(pool.take(1).length).toBe(2048);
    expect(pool.take(2049).length).toBe(4096);
    const b = pool.take(70_000);
    expect(b.length).toBe(131072);
    pool.give(b);
    expect(pool.keptBytes).toBe(131072);
    expect(pool.take(100_000)).toBe(b);
    expect(pool.keptBytes).toBe(0);
    expect(pool.take(100_000)).not.toBe(b);
  });

  it('keeps no buffer above its size limit or past its byte limit, nor one of another size', () => {
    const pool = new BufferPool(16384, 8192);
    pool.give(new Uint8Array(16384)); // above maxSize
    pool.give(new Uint8Array(3000)); // not a power of two
    pool.give(new Uint8Array(1024)); // below the smallest size
    expect(pool.keptBytes).toBe(0);
    pool.give(new Uint8Array(8192));
    pool.give(new Uint8Array(8192));
    pool.give(new Uint8Array(8192)); // past maxBytes
    expect(pool.keptBytes).toBe(16384);
  });
});
