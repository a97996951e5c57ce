/**
 * Address and port specifications: `any`, literals, `$VARS`, `[lists]` and `!negation`, evaluated with
 * Snort's list semantics: a list matches when any positive element matches and no negated element matches;
 * a list of only negated elements means "everything except those"; nested lists recurse.
 * A value is one Ranges per family: [v4, v6] for addresses, [ports] for ports.
 */
import { type Ranges, isFull, subtract, union } from './ranges.js';
import { isSpace } from './chars.js';

export type SpecKind = 'ip' | 'port';
export type Families = Ranges[];

/** A problem in a spec; `offset` is relative to the start of the spec text. */
export class SpecError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export const MAX4 = 0xffffffffn;
export const MAX6 = (1n << 128n) - 1n;
export const MAXPORT = 65535n;

export function universe(kind: SpecKind): Families {
  return kind === 'ip'
    ? [
        [0n, MAX4],
        [0n, MAX6],
      ]
    : [[0n, MAXPORT]];
}

export function isUniverse(kind: SpecKind, v: Families): boolean {
  return kind === 'ip' ? isFull(v[0]!, MAX4) && isFull(v[1]!, MAX6) : isFull(v[0]!, MAXPORT);
}

export function isEmpty(v: Families): boolean {
  return v.every((r) => r.length === 0);
}

/** Resolves `$NAME` to its value for the given kind, or throws SpecError (offset 0). */
export type VarLookup = (name: string, kind: SpecKind) => Families;

interface Elem {
  neg: boolean;
  off: number;
  value: Families;
}

class SpecParser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly kind: SpecKind,
    private readonly lookup: VarLookup,
  ) {}

  /** Top level: one element, or several separated by commas/whitespace (variable values). */
  parseTop(): Families {
    const elems = this.parseSeq(false);
    if (elems.length === 0) throw new SpecError('empty specification', 0);
    return this.combine(elems);
  }

  private skipWs(): void {
    while (this.i < this.s.length && isSpace(this.s.charCodeAt(this.i))) this.i++;
  }

  private parseSeq(inList: boolean): Elem[] {
    const elems: Elem[] = [];
    for (;;) {
      this.skipWs();
      if (this.i >= this.s.length) {
        if (inList) throw new SpecError("missing ']'", this.i);
        return elems;
      }
      const c = this.s[this.i]!;
      if (c === ']') {
        if (!inList) throw new SpecError("unexpected ']'", this.i);
        this.i++;
        return elems;
      }
      if (c === ',') {
        this.i++;
        continue;
      }
      elems.push(this.parseElem());
    }
  }

  private parseElem(): Elem {
    const off = this.i;
    let neg = false;
    while (this.s[this.i] === '!') {
      neg = !neg;
      this.i++;
    }
    let value: Families;
    if (this.s[this.i] === '[') {
      this.i++;
      const items = this.parseSeq(true);
      if (items.length === 0) throw new SpecError('empty list', off);
      value = this.combine(items);
    } else {
      const start = this.i;
      while (this.i < this.s.length && !/[\s,[\]]/.test(this.s[this.i]!)) this.i++;
      const tok = this.s.slice(start, this.i);
      if (tok === '') throw new SpecError('missing value', start);
      value = this.atom(tok, start);
    }
    if (neg && isUniverse(this.kind, value)) throw new SpecError("'!any' is not allowed", off);
    return { neg, off, value };
  }

  private atom(tok: string, off: number): Families {
    if (tok === 'any') return universe(this.kind);
    try {
      if (tok[0] === '$') {
        const name = tok.slice(1);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new SpecError(`bad variable name '${tok}'`, 0);
        return this.lookup(name, this.kind);
      }
      return this.kind === 'ip' ? ipLiteral(tok) : portLiteral(tok);
    } catch (e) {
      if (e instanceof SpecError) throw new SpecError(e.message, off + e.offset);
      throw e;
    }
  }

  private combine(elems: Elem[]): Families {
    const uni = universe(this.kind);
    let pos: Families | null = null;
    let negs: Families = uni.map(() => []);
    for (const e of elems) {
      if (e.neg) negs = negs.map((r, f) => union(r, e.value[f]!));
      else pos = pos === null ? e.value : pos.map((r, f) => union(r, e.value[f]!));
    }
    const base = pos ?? uni;
    return base.map((r, f) => subtract(r, negs[f]!));
  }
}

/** Parses and evaluates a spec; throws SpecError. */
export function evalSpec(text: string, kind: SpecKind, lookup: VarLookup): Families {
  return new SpecParser(text, kind, lookup).parseTop();
}

function portLiteral(tok: string): Families {
  const m = /^(\d*)(:?)(\d*)$/.exec(tok);
  if (!m || (m[1] === '' && m[3] === '') || (m[2] === '' && m[3] !== '')) {
    throw new SpecError(`bad port '${tok}'`, 0);
  }
  const lo = m[1] === '' ? 0n : BigInt(m[1]!);
  const hi = m[2] === '' ? lo : m[3] === '' ? MAXPORT : BigInt(m[3]!);
  if (lo > MAXPORT || hi > MAXPORT) throw new SpecError(`port out of range '${tok}'`, 0);
  if (lo > hi) throw new SpecError(`empty port range '${tok}'`, 0);
  return [[lo, hi]];
}

function ipLiteral(tok: string): Families {
  const slash = tok.indexOf('/');
  const addr = slash < 0 ? tok : tok.slice(0, slash);
  const v6 = addr.includes(':');
  const a = v6 ? parseIp6(addr) : parseIp4(addr);
  if (a === null) throw new SpecError(`bad address '${tok}'`, 0);
  const bits = v6 ? 128n : 32n;
  let prefix = bits;
  if (slash >= 0) {
    const p = tok.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || BigInt(p) > bits)
      throw new SpecError(`bad prefix length '${tok}'`, slash + 1);
    prefix = BigInt(p);
  }
  const hostMask = (1n << (bits - prefix)) - 1n;
  const lo = a & ~hostMask;
  const r: Ranges = [lo, lo | hostMask];
  return v6 ? [[], r] : [r, []];
}

export function parseIp4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

export function parseIp6(s: string): bigint | null {
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let k = 0; k < items.length; k++) {
      const it = items[k]!;
      if (k === items.length - 1 && it.includes('.')) {
        const v4 = parseIp4(it);
        if (v4 === null) return null;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(it)) out.push(parseInt(it, 16));
      else return null;
    }
    return out;
  };
  let all: number[];
  if (dbl >= 0) {
    const left = groups(s.slice(0, dbl));
    const right = groups(s.slice(dbl + 2));
    if (left === null || right === null || left.length + right.length > 7) return null;
    all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  } else {
    const g = groups(s);
    if (g === null || g.length !== 8) return null;
    all = g;
  }
  let v = 0n;
  for (const g of all) v = (v << 16n) | BigInt(g);
  return v;
}
