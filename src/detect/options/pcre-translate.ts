import { END, escape, unsupported } from './pcre-escape.js';

/**
 * Translate a PCRE pattern (as Snort uses it: byte semantics, no UTF) into JavaScript RegExp source
 * applied to a latin1 string (one char per byte). Constructs JS cannot express are reported, not guessed.
 */
export interface PcreTranslation {
  source: string;
  flags: string;
  error: string | null;
}

const POSIX: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\t-\\r ',
  blank: '\\t ',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
};

interface Opts {
  /** Mid-pattern (?i) / (?-i): case folding is spelled out per letter instead of the RegExp `i` flag. */
  explicitCase: boolean;
  /** Case-insensitivity per open group (top = current), used when explicitCase. */
  nocase: boolean[];
  dotall: boolean;
  multiline: boolean;
  extended: boolean;
  dollarEndOnly: boolean;
  ungreedy: boolean;
}

/** Translate `pat` with Snort/PCRE flags (i s m x A E G R O). */
export function translatePcre(pat: string, snortFlags: string): PcreTranslation {
  const o: Opts = {
    explicitCase: false,
    nocase: [],
    dotall: snortFlags.includes('s'),
    multiline: snortFlags.includes('m'),
    extended: snortFlags.includes('x'),
    dollarEndOnly: snortFlags.includes('E'),
    ungreedy: snortFlags.includes('G'),
  };
  let nocase = snortFlags.includes('i');
  // Leading inline flags (?i) (?s) (?m) (?x) (?is) … apply to the whole pattern.
  let p = pat;
  for (;;) {
    const m = /^\(\?([imsx]+)\)/.exec(p);
    if (!m) break;
    for (const f of m[1]!) {
      if (f === 'i') nocase = true;
      else if (f === 's') o.dotall = true;
      else if (f === 'm') o.multiline = true;
      else o.extended = true;
    }
    p = p.slice(m[0].length);
  }
  // JavaScript (Node 20) has no inline modifiers: spell case folding out when a group toggles it.
  o.explicitCase = /\(\?[a-zA-Z]*-?[a-zA-Z]*[:)]/.test(p) && /\(\?[msx]*-?[msx]*i/.test(p);
  o.nocase = [nocase];
  try {
    const source = convert(p, o);
    const flags = 'g' + (nocase && !o.explicitCase ? 'i' : '') + (o.multiline ? 'm' : '');
    new RegExp(source, flags); // validate
    return { source, flags, error: null };
  } catch (e) {
    return { source: '', flags: '', error: (e as Error).message };
  }
}

function convert(p: string, o: Opts): string {
  const t = new Translator(p, o);
  while (t.i < p.length) t.step();
  if (t.inClass) throw new Error('pcre: unterminated character class');
  return t.out;
}

/** One left-to-right pass over the pattern; `i` is the next character to translate. */
class Translator {
  out = '';
  i = 0;
  inClass = false;
  constructor(
    private readonly p: string,
    private readonly o: Opts,
  ) {}

  private get nocase(): boolean {
    return this.o.explicitCase && this.o.nocase[this.o.nocase.length - 1]!;
  }

  step(): void {
    const { p, o } = this;
    const c = p[this.i]!;
    if (c === '\\') {
      const r = escape(p, this.i, this.inClass);
      this.out += r.text;
      this.i = r.next;
    } else if (this.inClass) this.classChar(c);
    else if (o.extended && /\s/.test(c)) this.i++;
    else if (o.extended && c === '#') {
      while (this.i < p.length && p[this.i] !== '\n') this.i++;
    } else if (c === '(') this.group();
    else if (c === '*' || c === '+' || c === '?' || c === '{') this.quantifier(c);
    else {
      this.out += this.atom(c);
      this.i++;
    }
  }

  private atom(c: string): string {
    const o = this.o;
    switch (c) {
      case '[':
        return this.openClass();
      case '.':
        return o.dotall ? '[\\s\\S]' : '[^\\n]';
      case '$':
        return o.multiline ? '(?=\\n|' + END + ')' : o.dollarEndOnly ? END : '(?=\\n?' + END + ')';
      case '^':
        return o.multiline ? '(?<![^\\n])' : '(?<![\\s\\S])';
      case ')':
        if (o.nocase.length > 1) o.nocase.pop();
        return ')';
      default:
        return this.nocase && isLetter(c) ? `[${c}${swapCase(c)}]` : c;
    }
  }

  /** '[' was seen; a ']' right after '[' or '[^' is literal in PCRE. */
  private openClass(): string {
    const p = this.p;
    this.inClass = true;
    let s = '[';
    if (p[this.i + 1] === '^') {
      s += '^';
      this.i++;
    }
    if (p[this.i + 1] === ']') {
      s += '\\]';
      this.i++;
    }
    return s;
  }

  private classChar(c: string): void {
    const p = this.p;
    const i = this.i;
    if (c === '[' && p[i + 1] === ':') {
      const end = p.indexOf(':]', i + 2);
      const name = end > 0 ? p.slice(i + 2, end) : '';
      const cls = POSIX[name];
      if (cls === undefined) unsupported(`POSIX class [:${name}:]`);
      this.out += cls;
      this.i = end + 2;
      return;
    }
    if (c === ']') this.inClass = false;
    const hi = p[i + 2];
    if (this.nocase && isLetter(c) && p[i + 1] === '-' && hi !== undefined && isLetter(hi)) {
      this.out += `${c}-${hi}${swapCase(c)}-${swapCase(hi)}`;
      this.i += 3;
      return;
    }
    this.out += this.nocase && isLetter(c) ? c + swapCase(c) : c === '[' ? '\\[' : c;
    this.i++;
  }

  private group(): void {
    const o = this.o;
    const top = o.nocase[o.nocase.length - 1]!;
    if (this.p[this.i + 1] !== '?') {
      o.nocase.push(top);
      this.out += '(';
      this.i++;
      return;
    }
    const rest = this.p.slice(this.i);
    const mod = o.explicitCase ? /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest) : null;
    if (mod && /^i*$/.test(mod[1]!) && /^i*$/.test(mod[2] ?? '')) {
      const v = (mod[2] ?? '').includes('i') ? false : mod[1]!.includes('i') ? true : top;
      if (mod[3] === ')') o.nocase[o.nocase.length - 1] = v;
      else {
        o.nocase.push(v);
        this.out += '(?:';
      }
      this.i += mod[0].length;
      return;
    }
    checkGroup(this.p, this.i);
    o.nocase.push(top);
    const ref = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest);
    const named = /^\(\?(?:P<|')([A-Za-z_]\w*)[>']/.exec(rest);
    const plain = /^\(\?(<=|<!|<|:|=|!)/.exec(rest);
    if (ref) {
      o.nocase.pop(); // a back-reference opens no group
      this.out += '\\k<' + ref[1]! + '>';
      this.i += ref[0].length;
    } else if (named) {
      this.out += '(?<' + named[1]! + '>';
      this.i += named[0].length;
    } else if (plain) {
      this.out += plain[0];
      this.i += plain[0].length;
    } else unsupported('group construct');
  }

  private quantifier(c: string): void {
    const p = this.p;
    let q = c;
    let j = this.i + 1;
    if (c === '{') {
      const m = /^\{\d*(,\d*)?\}/.exec(p.slice(this.i));
      if (!m) {
        this.out += '\\{';
        this.i++;
        return;
      }
      q = m[0];
      j = this.i + q.length;
    }
    if (p[j] === '+') unsupported('possessive quantifier');
    const lazy = p[j] === '?';
    if (lazy) j++;
    this.out += q + (lazy !== this.o.ungreedy ? '?' : '');
    this.i = j;
  }
}

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function swapCase(c: string): string {
  return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}

/** Reject '(?' constructs that JavaScript lacks. */
function checkGroup(p: string, i: number): void {
  const rest = p.slice(i + 2);
  if (rest.startsWith('>')) unsupported('atomic group (?>');
  if (rest.startsWith('(')) unsupported('conditional group');
  if (/^(R|\d|[+-]\d|&|P>)/.test(rest)) unsupported('recursion / subroutine call');
  if (rest.startsWith('#')) unsupported('comment group');
  if (rest.startsWith('|')) unsupported('branch reset group');
  if (/^[a-zA-Z-]+[:)]/.test(rest) && !rest.startsWith('P')) unsupported('inline option group');
}
