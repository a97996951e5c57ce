import { describe, expect, it } from 'vitest';
import { AcBuilder, createMpse } from './aho-corasick.js';

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('AcBuilder', () => {
  it('compresses the alphabet to the bytes patterns use, case folded', () => {
    const b = createMpse();
    b.add(enc('ABC'), true, 1);
    b.add(enc('abd'), false, 2);
    const st = b.build().stats();
    expect(st.classes).toBe(5); // a b c d + "any other byte"
    expect(st.states).toBe(5); // root, a, ab, abc, abd
    expect(st.denseStates).toBe(5);
    expect(st.tableBytes).toBe(5 * 6 * 4); // one extra column per row for the output index
  });

  it('gives sparse rows to the states past the dense budget', () => {
    const b = createMpse({ denseTableBytes: 2 * 6 * 4 });
    b.add(enc('ABC'), true, 1);
    b.add(enc('abd'), false, 2);
    const m = b.build();
    expect(m.stats().denseStates).toBe(2);
    const data = enc('xxabdabcABC');
    const out = new Int32Array(m.idCapacity);
    const n = m.scan(data, 0, data.length, out);
    expect([...out.subarray(0, n)].sort()).toEqual([1, 2]);
  });

  it('stores identical patterns once', () => {
    const b = new AcBuilder();
    b.add(enc('same'), true, 3);
    b.add(enc('SAME'), true, 3);
    b.add(enc('same'), false, 3);
    b.add(enc('same'), false, 3);
    const m = b.build();
    expect(m.stats().states).toBe(5);
    const data = enc('xSaMe');
    const out = new Int32Array(m.idCapacity);
    expect(m.scan(data, 0, data.length, out)).toBe(1);
  });

  it('keeps large ids and several ids at one state', () => {
    const b = new AcBuilder();
    b.add(enc('x'), false, 0x7fffffff);
    b.add(enc('x'), false, 0);
    b.add(enc('yx'), false, 5);
    const m = b.build();
    const data = enc('yx');
    const out = new Int32Array(m.idCapacity);
    const n = m.scan(data, 0, data.length, out);
    expect([...out.subarray(0, n)].sort((a, c) => a - c)).toEqual([0, 5, 0x7fffffff]);
  });

  it('clamps a range that runs outside the data instead of throwing', () => {
    const b = new AcBuilder();
    b.add(enc('ab'), false, 1);
    const m = b.build();
    const data = enc('ab');
    const out = new Int32Array(m.idCapacity);
    expect(m.scan(data, -4, 100, out)).toBe(1);
  });

  it('stays correct across many scans (generation stamps)', () => {
    const b = new AcBuilder();
    b.add(enc('ab'), false, 1);
    const m = b.build();
    const hit = enc('ab');
    const miss = enc('ba');
    const out = new Int32Array(1);
    for (let i = 0; i < 10_000; i++) {
      expect(m.scan(i % 2 === 0 ? hit : miss, 0, 2, out)).toBe(i % 2 === 0 ? 1 : 0);
    }
  });
});
