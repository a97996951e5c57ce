import type { AcTables } from './ac-mpse.js';
import { buildTrie, byteClasses, type Trie } from './ac-trie.js';
import type { PatternSet } from './pattern-set.js';

/** Default budget for dense DFA rows; states beyond it (the deepest, visited least) get sparse rows. */
export const DEFAULT_DENSE_TABLE_BYTES = 8 << 20;

/**
 * Compiles a pattern set into the arrays AcMpse scans with. States are taken in breadth-first order; the
 * first ones (at least the root) get full DFA rows while they fit `denseTableBytes`, the rest keep only their
 * trie children and failure link. Since the dense states are a breadth-first prefix, a sparse state's
 * children and a dense state's failure state are never in the other kind by surprise: sparse children are
 * sparse, dense failures are dense.
 */
export function compileAc(set: PatternSet, denseTableBytes = DEFAULT_DENSE_TABLE_BYTES): AcTables {
  const { cls, lowerCls, classes } = byteClasses(set);
  const trie = buildTrie(set, lowerCls);
  const stride = classes + 1; // the extra column holds an output state's output index
  const dense = Math.max(1, Math.min(trie.states, Math.floor(denseTableBytes / (stride * 4))));
  const sparse = trie.states - dense;
  const sparseBase = dense * stride;
  if (sparseBase + sparse > 0x7fffffff) throw new RangeError('mpse: automaton too large');

  // Encoded state: dense → row offset (premultiplied, outputs-last numbering); sparse → sparseBase + rank.
  const enc = new Int32Array(trie.states);
  let next = 0;
  for (let r = 0; r < dense; r++)
    if (trie.outCount[trie.order[r]!] === 0) enc[trie.order[r]!] = stride * next++;
  const firstOut = next;
  for (let r = 0; r < dense; r++)
    if (trie.outCount[trie.order[r]!] !== 0) enc[trie.order[r]!] = stride * next++;
  for (let r = dense; r < trie.states; r++) enc[trie.order[r]!] = sparseBase + r - dense;

  // Output index k: dense output states first (k = row - firstOut), then sparse ones in rank order.
  const outState: number[] = [];
  for (let r = 0; r < dense; r++) {
    const s = trie.order[r]!;
    if (trie.outCount[s] !== 0) outState[enc[s]! / stride - firstOut] = s;
  }
  const spOut = new Int32Array(sparse).fill(-1);
  for (let r = dense; r < trie.states; r++) {
    const s = trie.order[r]!;
    if (trie.outCount[s] !== 0) {
      spOut[r - dense] = outState.length;
      outState.push(s);
    }
  }

  const table = denseRows(trie, dense, stride, enc, firstOut);
  return {
    ...stateDepths(trie, dense, stride, enc),
    cls,
    classes,
    stride,
    states: trie.states,
    denseStates: dense,
    table,
    outMin: firstOut * stride,
    sparseBase,
    ...sparseRows(trie, dense, enc, spOut),
    ...collectOutputs(trie, outState, set),
    ...patternArrays(set),
  };
}

/**
 * Depth of every state (the length of the pattern prefix it stands for), by dense row number
 * (encoded / stride) and by sparse index: how far back the text a walk in that state still matters.
 */
function stateDepths(
  trie: Trie,
  dense: number,
  stride: number,
  enc: Int32Array,
): Pick<AcTables, 'denseDepth' | 'spDepth'> {
  const depth = new Int32Array(trie.states);
  for (let r = 0; r < trie.states; r++) {
    const s = trie.order[r]!;
    for (let x = trie.firstChild[s]!; x !== -1; x = trie.nextSibling[x]!) depth[x] = depth[s]! + 1;
  }
  const denseDepth = new Int32Array(dense);
  const spDepth = new Int32Array(trie.states - dense);
  for (let r = 0; r < trie.states; r++) {
    const s = trie.order[r]!;
    if (r < dense) denseDepth[enc[s]! / stride] = depth[s]!;
    else spDepth[r - dense] = depth[s]!;
  }
  return { denseDepth, spDepth };
}

function denseRows(trie: Trie, dense: number, stride: number, enc: Int32Array, firstOut: number): Int32Array {
  const classes = stride - 1;
  const table = new Int32Array(dense * stride);
  for (let r = 0; r < dense; r++) {
    const s = trie.order[r]!;
    const row = enc[s]!;
    // Missing transitions are the failure state's (already complete: it comes earlier breadth-first).
    if (s !== 0) table.copyWithin(row, enc[trie.fail[s]!]!, enc[trie.fail[s]!]! + classes);
    for (let x = trie.firstChild[s]!; x !== -1; x = trie.nextSibling[x]!)
      table[row + trie.edge[x]!] = enc[x]!;
    table[row + classes] = row / stride >= firstOut ? row / stride - firstOut : -1;
  }
  return table;
}

function sparseRows(
  trie: Trie,
  dense: number,
  enc: Int32Array,
  spOut: Int32Array,
): Pick<AcTables, 'spChildStart' | 'spChildCls' | 'spChildNext' | 'spFail' | 'spOut'> {
  const sparse = trie.states - dense;
  const spChildStart = new Int32Array(sparse + 1);
  let edges = 0;
  for (let r = dense; r < trie.states; r++) {
    spChildStart[r - dense] = edges;
    for (let x = trie.firstChild[trie.order[r]!]!; x !== -1; x = trie.nextSibling[x]!) edges++;
  }
  spChildStart[sparse] = edges;
  const spChildCls = new Uint8Array(edges);
  const spChildNext = new Int32Array(edges);
  const spFail = new Int32Array(sparse);
  let e = 0;
  for (let r = dense; r < trie.states; r++) {
    const s = trie.order[r]!;
    spFail[r - dense] = enc[trie.fail[s]!]!;
    for (let x = trie.firstChild[s]!; x !== -1; x = trie.nextSibling[x]!) {
      spChildCls[e] = trie.edge[x]!;
      spChildNext[e++] = enc[x]!;
    }
  }
  return { spChildStart, spChildCls, spChildNext, spFail, spOut };
}

/**
 * CSR output lists by output index: own patterns, then those along the failure chain. outLast[k] is the one
 * raw byte every pattern of output k must end with, when they are all case-sensitive and agree on it (else
 * -1): the scan rejects "PASS" at "pass" with one compare instead of a verification per visit.
 */
function collectOutputs(
  trie: Trie,
  outState: number[],
  set: PatternSet,
): Pick<AcTables, 'outStart' | 'outPat' | 'outLast'> {
  const outStart = new Int32Array(outState.length + 1);
  let total = 0;
  for (let k = 0; k < outState.length; k++) {
    outStart[k] = total;
    total += trie.outCount[outState[k]!]!;
  }
  outStart[outState.length] = total;
  const outPat = new Int32Array(total);
  const outLast = new Int32Array(outState.length);
  for (let k = 0; k < outState.length; k++) {
    let w = outStart[k]!;
    let last = -2; // -2: none seen yet
    for (let s = outState[k]!; s !== 0; s = trie.fail[s]!) {
      for (let p = trie.ownHead[s]!; p !== -1; p = trie.ownNext[p]!) {
        outPat[w++] = p;
        const o = set.original[p]!;
        const b = set.nocase[p] ? -1 : o[o.length - 1]!;
        last = last === -2 || last === b ? b : -1;
      }
    }
    outLast[k] = last;
  }
  return { outStart, outPat, outLast };
}

function patternArrays(
  set: PatternSet,
): Pick<AcTables, 'patDense' | 'patLen' | 'patVerify' | 'patOff' | 'orig' | 'ids'> {
  const P = set.size;
  const patLen = new Int32Array(P);
  const patVerify = new Uint8Array(P);
  const patOff = new Int32Array(P);
  let origBytes = 0;
  for (let p = 0; p < P; p++) if (!set.nocase[p]) origBytes += set.original[p]!.length;
  const orig = new Uint8Array(origBytes);
  let off = 0;
  for (let p = 0; p < P; p++) {
    const o = set.original[p]!;
    patLen[p] = o.length;
    if (set.nocase[p]) continue;
    patVerify[p] = 1;
    patOff[p] = off;
    orig.set(o, off);
    off += o.length;
  }
  return {
    patDense: Int32Array.from(set.dense),
    patLen,
    patVerify,
    patOff,
    orig,
    ids: Int32Array.from(set.ids),
  };
}
