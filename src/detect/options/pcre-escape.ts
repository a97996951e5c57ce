/** PCRE backslash escapes → JavaScript RegExp source (byte semantics over latin1 text). */

/** End of subject, whatever the m flag says. */
export const END = '(?![\\s\\S])';

export function unsupported(what: string): never {
  throw new Error(`pcre: ${what} cannot be expressed in this engine`);
}

/** Translate the escape at p[i] ('\\'); returns its JavaScript text and the index after it. */
export function escape(p: string, i: number, inClass: boolean): { text: string; next: number } {
  const n = p[i + 1];
  if (n === undefined) throw new Error('pcre: pattern ends with a backslash');
  switch (n) {
    case 'A':
      return { text: '(?<![\\s\\S])', next: i + 2 };
    case 'z':
      return { text: END, next: i + 2 };
    case 'Z':
      return { text: '(?=\\n?' + END + ')', next: i + 2 };
    case 's':
      return { text: inClass ? '\\t-\\r ' : '[\\t-\\r ]', next: i + 2 };
    case 'S':
      return { text: inClass ? unsupported('\\S inside a class') : '[^\\t-\\r ]', next: i + 2 };
    case 'h':
      return { text: inClass ? '\\t \\xa0' : '[\\t \\xa0]', next: i + 2 };
    case 'H':
      return { text: '[^\\t \\xa0]', next: i + 2 };
    case 'v':
      return { text: inClass ? '\\n-\\r\\x85' : '[\\n-\\r\\x85]', next: i + 2 };
    case 'R':
      return { text: '(?:\\r\\n|[\\n-\\r\\x85])', next: i + 2 };
    case 'e':
      return { text: '\\x1b', next: i + 2 };
    case 'a':
      return { text: '\\x07', next: i + 2 };
    case 'Q': {
      const end = p.indexOf('\\E', i + 2);
      const lit = p.slice(i + 2, end < 0 ? p.length : end);
      return { text: lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'), next: end < 0 ? p.length : end + 2 };
    }
    case 'E':
      return { text: '', next: i + 2 };
    case 'x': {
      const m = /^\\x\{([0-9a-fA-F]+)\}/.exec(p.slice(i));
      if (m) {
        const v = parseInt(m[1]!, 16);
        if (v > 0xff) unsupported('code point above 0xff');
        return { text: '\\x' + v.toString(16).padStart(2, '0'), next: i + m[0].length };
      }
      const m2 = /^\\x([0-9a-fA-F]{1,2})/.exec(p.slice(i));
      const v = m2 ? parseInt(m2[1]!, 16) : 0;
      return { text: '\\x' + v.toString(16).padStart(2, '0'), next: i + (m2 ? m2[0].length : 2) };
    }
    case 'G':
    case 'K':
    case 'X':
    case 'C':
    case 'p':
    case 'P':
      return unsupported(`\\${n}`);
    case 'g': {
      const m = /^\\g\{?(\d+)\}?/.exec(p.slice(i));
      if (m) return { text: '\\' + m[1]!, next: i + m[0].length };
      const m2 = /^\\g\{([A-Za-z_]\w*)\}/.exec(p.slice(i));
      if (m2) return { text: '\\k<' + m2[1]! + '>', next: i + m2[0].length };
      return unsupported('\\g');
    }
    case '/':
      return { text: '\\/', next: i + 2 };
    default:
      return { text: '\\' + n, next: i + 2 };
  }
}
