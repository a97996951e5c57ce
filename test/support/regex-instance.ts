/**
 * Builds one string that a PCRE pattern matches, for the constructs rules commonly use: literals and
 * escapes, classes, `.`, groups with alternation (the first branch), quantifiers (their minimum count, at
 * least one for `+`), back-references, `^`/`$`/`\b` (zero width). Anything else (lookarounds, conditionals,
 * possessive or atomic forms, `x` mode) makes it give up: null. Test support only.
 */
export interface RegexInstance {
  text: string;
  /** The pattern starts with `^` (outside `m` mode: the match must start the buffer). */
  anchoredStart: boolean;
  /** The pattern ends with `$`. */
  anchoredEnd: boolean;
}

class GiveUp extends Error {}

/** Characters tried, in order, for classes and `.`. */
const PREFERRED = 'aA0x_-.=/ ';

export function regexInstance(pattern: string, flags: string): RegexInstance | null {
  if (/[^ismRUIPHDMCKSYBOAEG]/.test(flags) || flags.includes('x')) return null;
  try {
    const p = new Parser(pattern);
    const text = p.alternation();
    if (p.i !== pattern.length) return null;
    return {
      text,
      anchoredStart: pattern.startsWith('^') && !flags.includes('m'),
      anchoredEnd: pattern.endsWith('$') && !pattern.endsWith('\\$'),
    };
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}

class Parser {
  i = 0;
  private readonly groups: string[] = [];
  constructor(private readonly s: string) {}

  alternation(): string {
    const first = this.sequence();
    while (this.s[this.i] === '|') {
      this.i++;
      this.sequence(); // other branches are parsed (for group numbering) and dropped
    }
    return first;
  }

  private sequence(): string {
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      out += this.quantified(atom);
    }
    return out;
  }

  private quantified(atom: string | null): string {
    if (atom === null) return '';
    const c = this.s[this.i];
    let min = 1;
    if (c === '*' || c === '?') {
      min = 0;
      this.i++;
    } else if (c === '+') {
      this.i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (m === null) return atom; // a literal brace
      min = Number(m[1]);
      this.i += m[0].length;
    } else return atom;
    const q = this.s[this.i];
    if (q === '+') throw new GiveUp(); // possessive
    if (q === '?') this.i++;
    return atom.repeat(min);
  }

  /** One atom's text; null for zero-width items. */
  private atom(): string | null {
    const c = this.s[this.i]!;
    this.i++;
    switch (c) {
      case '^':
      case '$':
        return null;
      case '.':
        return 'a';
      case '[':
        return this.cls();
      case '(':
        return this.group();
      case '\\':
        return this.escape(false);
      default:
        return c;
    }
  }

  private group(): string {
    let capture = true;
    if (this.s[this.i] === '?') {
      const m = /^\?(:|i\)|i:|-i\)|P<\w+>|<\w+>)/.exec(this.s.slice(this.i));
      if (m === null) throw new GiveUp(); // lookaround, atomic, conditional, comment
      this.i += m[0].length;
      if (m[1] === 'i)' || m[1] === '-i)') return '';
      capture = m[1]!.startsWith('P<') || m[1]!.startsWith('<');
    }
    const slot = this.groups.length;
    if (capture) this.groups.push('');
    const text = this.alternation();
    if (this.s[this.i] !== ')') throw new GiveUp();
    this.i++;
    if (capture) this.groups[slot] = text;
    return text;
  }

  private escape(inClass: boolean): string {
    const c = this.s[this.i]!;
    this.i++;
    if (c === undefined) throw new GiveUp();
    if (/[1-9]/.test(c) && !inClass) {
      const g = this.groups[Number(c) - 1];
      if (g === undefined) throw new GiveUp();
      return g;
    }
    switch (c) {
      case 'd':
        return '0';
      case 'w':
        return 'a';
      case 's':
        return ' ';
      case 'D':
      case 'W':
      case 'S':
        return c === 'S' ? 'a' : '-';
      case 'b':
      case 'B':
      case 'A':
      case 'z':
      case 'Z':
        if (inClass && c === 'b') return '\b';
        if (inClass) throw new GiveUp();
        return '';
      case 'r':
        return '\r';
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'f':
        return '\f';
      case 'x': {
        const m = /^(\{([0-9a-fA-F]+)\}|[0-9a-fA-F]{1,2})/.exec(this.s.slice(this.i));
        if (m === null) throw new GiveUp();
        this.i += m[0].length;
        const v = parseInt(m[2] ?? m[1]!, 16);
        if (v > 0xff) throw new GiveUp();
        return String.fromCharCode(v);
      }
      default:
        if (/[a-zA-Z0-9]/.test(c)) throw new GiveUp(); // \p, \G, \K, octal …
        return c;
    }
  }

  /** A character class: the first preferred character it accepts. */
  private cls(): string {
    let negated = false;
    if (this.s[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const members: ((ch: string) => boolean)[] = [];
    let first = true;
    while (this.i < this.s.length && (this.s[this.i] !== ']' || first)) {
      first = false;
      const posix = /^\[:(\^?)(\w+):\]/.exec(this.s.slice(this.i));
      if (posix !== null) {
        this.i += posix[0].length;
        const test = POSIX[posix[2]!];
        if (test === undefined) throw new GiveUp();
        members.push(posix[1] === '^' ? (ch) => !test(ch) : test);
        continue;
      }
      const lo = this.classChar();
      if (typeof lo !== 'string') {
        members.push(lo);
        continue;
      }
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && this.i + 1 < this.s.length) {
        this.i++;
        const hi = this.classChar();
        if (typeof hi !== 'string') throw new GiveUp();
        members.push((ch) => ch >= lo && ch <= hi);
      } else members.push((ch) => ch === lo);
    }
    if (this.s[this.i] !== ']') throw new GiveUp();
    this.i++;
    const ok = (ch: string): boolean => members.some((m) => m(ch)) !== negated;
    for (const ch of PREFERRED) if (ok(ch)) return ch;
    for (let v = 0x20; v < 0x7f; v++) if (ok(String.fromCharCode(v))) return String.fromCharCode(v);
    for (let v = 0; v < 0x100; v++) if (ok(String.fromCharCode(v))) return String.fromCharCode(v);
    throw new GiveUp();
  }

  private classChar(): string | ((ch: string) => boolean) {
    const c = this.s[this.i]!;
    this.i++;
    if (c !== '\\') return c;
    const e = this.s[this.i]!;
    const shorthand = SHORTHAND[e];
    if (shorthand !== undefined) {
      this.i++;
      return shorthand;
    }
    return this.escape(true);
  }
}

const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';
const isWord = (ch: string): boolean => /^\w$/.test(ch);
const isSpace = (ch: string): boolean => /^[\t\n\v\f\r ]$/.test(ch);

const SHORTHAND: Record<string, (ch: string) => boolean> = {
  d: isDigit,
  D: (ch) => !isDigit(ch),
  w: isWord,
  W: (ch) => !isWord(ch),
  s: isSpace,
  S: (ch) => !isSpace(ch),
};

const POSIX: Record<string, (ch: string) => boolean> = {
  alpha: (ch) => /^[A-Za-z]$/.test(ch),
  digit: isDigit,
  alnum: (ch) => /^[A-Za-z0-9]$/.test(ch),
  space: isSpace,
  upper: (ch) => /^[A-Z]$/.test(ch),
  lower: (ch) => /^[a-z]$/.test(ch),
  xdigit: (ch) => /^[0-9A-Fa-f]$/.test(ch),
  punct: (ch) => /^[!-/:-@[-`{-~]$/.test(ch),
  print: (ch) => ch >= ' ' && ch <= '~',
};
