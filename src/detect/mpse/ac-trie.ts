import { LOWER } from '../../core/bytes.js';
import type { PatternSet } from './pattern-set.js';

/** Bytes that occur in no lowercased pattern share class 0; each other byte gets its own class. */
export function byteClasses(set: PatternSet): { cls: Uint8Array; lowerCls: Uint8Array; classes: number } {
  const used = new Uint8Array(256);
  for (const p of set.lowered) for (let i = 0; i < p.length; i++) used[p[i]!] = 1;
  const lowerCls = new Uint8Array(256);
  let classes = 1;
  for (let b = 0; b < 256; b++) if (used[b] === 1) lowerCls[b] = classes++;
  // Fold case into the map so the scan loop reads one small table per byte.
  const cls = new Uint8Array(256);
  for (let b = 0; b < 256; b++) cls[b] = lowerCls[LOWER[b]!]!;
  return { cls, lowerCls, classes };
}

/**
 * Keyword trie over byte classes with Aho–Corasick failure links. Children are sibling lists (sparse), so
 * building never needs a states × classes array; the compiler decides which states get dense rows.
 */
export interface Trie {
  states: number;
  /** Child lists: firstChild per state, nextSibling and edge class per child state (-1 ends a list). */
  firstChild: Int32Array;
  nextSibling: Int32Array;
  edge: Uint8Array;
  /** Own-output lists: ownHead per state, ownNext per pattern (-1 ends). */
  ownHead: Int32Array;
  ownNext: Int32Array;
  fail: Int32Array;
  /** States in breadth-first order (order[0] is the root, state 0); depth never decreases along it. */
  order: Int32Array;
  /** Patterns ending at the state or anywhere along its failure chain. */
  outCount: Int32Array;
}

export function child(t: Trie, s: number, c: number): number {
  for (let x = t.firstChild[s]!; x !== -1; x = t.nextSibling[x]!) if (t.edge[x] === c) return x;
  return -1;
}

export function buildTrie(set: PatternSet, lowerCls: Uint8Array): Trie {
  let max = 1;
  for (const p of set.lowered) max += p.length;
  const t: Trie = {
    states: 1,
    firstChild: new Int32Array(max).fill(-1),
    nextSibling: new Int32Array(max).fill(-1),
    edge: new Uint8Array(max),
    ownHead: new Int32Array(max).fill(-1),
    ownNext: new Int32Array(set.size).fill(-1),
    fail: new Int32Array(max),
    order: new Int32Array(0),
    outCount: new Int32Array(0),
  };
  const rootChild = new Int32Array(256).fill(-1); // the root fans out widely: index it directly
  for (let p = 0; p < set.size; p++) {
    const bytes = set.lowered[p]!;
    let s = 0;
    for (let i = 0; i < bytes.length; i++) {
      const c = lowerCls[bytes[i]!]!;
      let x = s === 0 ? rootChild[c]! : child(t, s, c);
      if (x === -1) {
        x = t.states++;
        t.edge[x] = c;
        t.nextSibling[x] = t.firstChild[s]!;
        t.firstChild[s] = x;
        if (s === 0) rootChild[c] = x;
      }
      s = x;
    }
    t.ownNext[p] = t.ownHead[s]!;
    t.ownHead[s] = p;
  }
  linkFailures(t, rootChild);
  return t;
}

/** Breadth-first failure links and output counts (own outputs plus the failure state's). */
function linkFailures(t: Trie, rootChild: Int32Array): void {
  const order = new Int32Array(t.states);
  const outCount = new Int32Array(t.states);
  let head = 0;
  let tail = 1; // order[0] = root
  while (head < tail) {
    const s = order[head++]!;
    for (let x = t.firstChild[s]!; x !== -1; x = t.nextSibling[x]!) {
      order[tail++] = x;
      if (s === 0) continue; // fail = root
      const c = t.edge[x]!;
      let f = t.fail[s]!;
      let y = -1;
      while (f !== 0 && (y = child(t, f, c)) === -1) f = t.fail[f]!;
      if (f === 0) y = rootChild[c]!;
      t.fail[x] = y === -1 ? 0 : y;
    }
  }
  for (let i = 1; i < t.states; i++) {
    const s = order[i]!;
    let own = 0;
    for (let p = t.ownHead[s]!; p !== -1; p = t.ownNext[p]!) own++;
    outCount[s] = own + outCount[t.fail[s]!]!;
  }
  t.order = order;
  t.outCount = outCount;
}
