/**
 * Fast path of manifest parsing: js-yaml (core schema, as the `yaml` library's default) with a compact
 * position table instead of a node tree. js-yaml reports every node it composes ('open' … 'close', in
 * document order), so node starts and subtree sizes in pre-order are enough to find the line of any field.
 * Returns null whenever the exact path must run instead (a syntax error, duplicate keys, anchors, aliases,
 * tags): that path reports every problem with file:line:col and keeps the other documents.
 */
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { PathStep } from './path.js';

/** Pre-order node table of one text: `start` offsets (first character of the node) and subtree `size`s. */
export class PosTable {
  start = new Int32Array(1024);
  size = new Int32Array(1024);
  count = 0;
  private lineStarts: Int32Array | null = null;

  constructor(readonly text: string) {}

  grow(): void {
    const s = new Int32Array(this.start.length * 2);
    s.set(this.start);
    this.start = s;
    const z = new Int32Array(this.size.length * 2);
    z.set(this.size);
    this.size = z;
  }

  /** 1-based line and column of an offset (line index built on first use). */
  pos(offset: number): { line: number; col: number } {
    if (this.lineStarts === null) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = Int32Array.from(starts);
    }
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - ls[lo]! + 1 };
  }

  /** The `k`-th child of node `i` (children follow their parent in pre-order), or -1. */
  child(i: number, k: number): number {
    const end = i + this.size[i]!;
    let c = i + 1;
    for (let j = 0; j < k && c < end; j++) c += this.size[c]!;
    return c < end ? c : -1;
  }

  childCount(i: number): number {
    const end = i + this.size[i]!;
    let n = 0;
    for (let c = i + 1; c < end; c += this.size[c]!) n++;
    return n;
  }

  /**
   * A flow collection in block context is composed twice (js-yaml first tries it as a block mapping key):
   * a node with one child starting where it starts is that child.
   */
  unwrap(i: number): number {
    while (
      this.size[i]! > 1 &&
      this.size[i + 1]! === this.size[i]! - 1 &&
      this.start[i + 1] === this.start[i]
    )
      i++;
    return i;
  }

  /**
   * The deepest node reached by `steps` from node `i` holding `value`, as the `yaml` path does. A mapping's
   * children are key, value, key, value … (one extra trailing child may come from js-yaml probing for a next
   * key); when the table and the value disagree the walk stops at the last node it is sure of.
   */
  walk(i: number, value: unknown, steps: readonly PathStep[]): number {
    let node = i;
    let v = value;
    for (const s of steps) {
      node = this.unwrap(node);
      let next = -1;
      let nv: unknown;
      if (Array.isArray(v) && typeof s === 'number') {
        if (this.childCount(node) !== v.length) break;
        next = this.child(node, s);
        nv = v[s];
      } else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const keys = Object.keys(v);
        // Integer-like keys are reordered by JavaScript objects: positions are not the document's.
        if (keys.some(isIndexLike) || this.childCount(node) < 2 * keys.length) break;
        const ki = keys.indexOf(String(s));
        if (ki < 0) break;
        next = this.child(node, 2 * ki + 1);
        nv = (v as Record<string, unknown>)[String(s)];
        // An empty value (`key:` and nothing) is placed on its key's line, as the `yaml` library does.
        if (
          next >= 0 &&
          nv === null &&
          !/^(?:null|Null|NULL|~)/.test(this.text.slice(this.start[next]!, this.start[next]! + 4))
        )
          next = this.child(node, 2 * ki);
      }
      if (next < 0 || nv === undefined) break;
      node = next;
      v = nv;
    }
    return node;
  }
}

/** Keys JavaScript objects order first (array-index-like), whatever the document order. */
function isIndexLike(k: string): boolean {
  const c = k.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  return /^(0|[1-9]\d*)$/.test(k);
}

/**
 * Anchors and aliases go the exact way (its alias expansion limit guards against "billion laughs"). Shell
 * text such as `a && b` does not look like one. Unknown tags make js-yaml throw, which also goes that way;
 * so does a `%YAML` directive (the `yaml` library then switches schema, js-yaml would not).
 */
const SPECIAL = /(?:^|[\s[{,])[&*][\w-]|^%/m;

function skipBlank(text: string, p: number): number {
  for (;;) {
    const c = text.charCodeAt(p);
    if (c === 32 || c === 9 || c === 10 || c === 13) p++;
    else if (c === 35 /* # */) {
      const nl = text.indexOf('\n', p);
      if (nl < 0) return text.length;
      p = nl + 1;
    } else return p;
  }
}

export interface FastDoc {
  readonly value: unknown;
  /** Root node of the document in the table. */
  readonly node: number;
}

export function fastParse(text: string): { docs: FastDoc[]; table: PosTable } | null {
  if (SPECIAL.test(text)) return null;
  const table = new PosTable(text);
  const stack: number[] = [];
  const roots: number[] = [];
  let values: unknown[];
  try {
    values = [];
    loadAll(text, (d) => values.push(d), {
      schema: CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          if (table.count === table.start.length) table.grow();
          const i = table.count++;
          table.start[i] = skipBlank(text, state.position);
          if (stack.length === 0) roots.push(i);
          stack.push(i);
        } else {
          const i = stack.pop()!;
          table.size[i] = table.count - i;
        }
      },
    });
  } catch {
    return null;
  }
  if (roots.length !== values.length) return null;
  return { docs: values.map((value, k) => ({ value, node: roots[k]! })), table };
}
