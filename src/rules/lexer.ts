/**
 * Splits rules text into logical statements: `#` comment lines are dropped, a trailing backslash joins the
 * next line, and a rule whose option list is still open at the end of a line continues on the next lines
 * until its closing `)` (Snort 3 accepts such multi-line rules). Each statement keeps a position map back
 * to file line:col.
 */
export const ACTIONS = new Set([
  'alert',
  'log',
  'pass',
  'drop',
  'block',
  'reject',
  'sdrop',
  'rewrite',
  'react',
]);

export interface Statement {
  /** Logical text: continuations joined (backslash-newline removed, open rules joined with '\n'). */
  text: string;
  /** Triples [logicalOffset, line, col] (1-based line and col) where each physical line's part starts. */
  segs: number[];
}

export interface LexProblem {
  line: number;
  col: number;
  message: string;
}

/** Maps a logical offset of a statement to its 1-based [line, col]. */
export function posOf(st: Statement, off: number): [number, number] {
  let k = 0;
  while (k + 3 < st.segs.length && st.segs[k + 3]! <= off) k += 3;
  return [st.segs[k + 1]!, st.segs[k + 2]! + (off - st.segs[k]!)];
}

/** Paren/quote scanner state carried across the physical lines of one statement. */
class Scan {
  depth = 0;
  opened = false;
  inQuote = false;
  esc = false;
  /** Logical offset just past the closing ')' of the option list, or -1. */
  closeAt = -1;

  feed(text: string, from: number): void {
    for (let i = from; i < text.length && this.closeAt < 0; i++) {
      const c = text.charCodeAt(i);
      if (this.inQuote) {
        if (this.esc) this.esc = false;
        else if (c === 0x5c) this.esc = true;
        else if (c === 0x22) this.inQuote = false;
      } else if (c === 0x22 && this.opened) this.inQuote = true;
      else if (c === 0x28) {
        this.depth++;
        this.opened = true;
      } else if (c === 0x29 && this.opened) {
        if (--this.depth === 0) this.closeAt = i + 1;
      }
    }
  }
}

function startsRule(line: string): boolean {
  const m = /^\s*([a-z]+)\s+[A-Za-z]/.exec(line);
  return m !== null && ACTIONS.has(m[1]!);
}

export function splitStatements(src: string): { statements: Statement[]; problems: LexProblem[] } {
  const lines = src.split('\n');
  const statements: Statement[] = [];
  const problems: LexProblem[] = [];
  let cur: Statement | null = null;
  let scan = new Scan();
  let firstLine = 0;
  let backslash = false;

  const finish = (): void => {
    if (!cur) return;
    if (scan.opened && scan.closeAt < 0) {
      problems.push({ line: firstLine, col: 1, message: "unterminated rule: missing ')'" });
    } else {
      if (scan.closeAt >= 0) {
        const rest = cur.text.slice(scan.closeAt).trim();
        if (rest !== '' && rest[0] !== '#') {
          const [l, c] = posOf(cur, cur.text.indexOf(rest, scan.closeAt));
          problems.push({ line: l, col: c, message: `unexpected text after rule: '${rest.slice(0, 20)}'` });
        }
        cur.text = cur.text.slice(0, scan.closeAt);
      }
      statements.push(cur);
    }
    cur = null;
  };

  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const lineNo = n + 1;
    const trimmed = line.trim();
    const wasBackslash = backslash;
    backslash = false;
    if (cur && !wasBackslash) {
      const open = scan.opened && scan.closeAt < 0;
      if (!open || startsRule(line)) finish();
      else if (trimmed === '' || trimmed[0] === '#') continue;
    }
    if (!cur) {
      if (trimmed === '' || trimmed[0] === '#') continue;
      cur = { text: '', segs: [] };
      scan = new Scan();
      firstLine = lineNo;
    } else if (!wasBackslash) {
      cur.text += '\n';
    }
    let body = line;
    const te = body.trimEnd();
    if (te.endsWith('\\')) {
      body = te.slice(0, -1);
      backslash = true;
    }
    const st: Statement = cur;
    const from = st.text.length;
    st.segs.push(from, lineNo, 1);
    st.text += body;
    scan.feed(st.text, from);
    if (!backslash && (!scan.opened || scan.closeAt >= 0)) finish();
  }
  finish();
  return { statements, problems };
}
