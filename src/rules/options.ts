/**
 * The option list between a rule's parentheses: split on ';' outside quotes (inside quotes `\"`, `\;` and
 * `\\` are escapes), each option `name` or `name:args` with its args kept verbatim (trimmed).
 */
import type { RuleOption } from './ast.js';
import { type Statement, posOf } from './lexer.js';
import { isSpace } from './chars.js';

export interface OptionProblem {
  line: number;
  col: number;
  message: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Splits the option text `st.text.slice(start, end)` (without the parentheses). */
export function splitOptions(
  st: Statement,
  start: number,
  end: number,
  problems: OptionProblem[],
): RuleOption[] {
  const text = st.text;
  const out: RuleOption[] = [];
  let pieceStart = start;
  let inQuote = false;
  for (let i = start; i <= end; i++) {
    if (i < end) {
      const c = text.charCodeAt(i);
      if (inQuote) {
        if (c === 0x5c) i++;
        else if (c === 0x22) inQuote = false;
        continue;
      }
      if (c === 0x22) {
        inQuote = true;
        continue;
      }
      if (c !== 0x3b) continue;
    } else if (inQuote) {
      const [line, col] = posOf(st, pieceStart);
      problems.push({ line, col, message: 'unterminated quoted string' });
      return out;
    }
    addOption(st, pieceStart, i, out, problems);
    pieceStart = i + 1;
  }
  return out;
}

function addOption(st: Statement, a: number, b: number, out: RuleOption[], problems: OptionProblem[]): void {
  const text = st.text;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  if (a >= b) return;
  const piece = text.slice(a, b);
  const colon = piece.indexOf(':');
  const name = (colon < 0 ? piece : piece.slice(0, colon)).trim();
  const [line, col] = posOf(st, a);
  if (!NAME.test(name)) {
    problems.push({ line, col, message: `bad option '${piece.trim().slice(0, 30)}'` });
    return;
  }
  out.push({ name, args: colon < 0 ? null : piece.slice(colon + 1).trim(), line, col });
}

/** The text of a quoted option argument with escapes removed; unquoted text is returned trimmed. */
export function unquote(args: string): string {
  const s = args.trim();
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return s;
  if (s.indexOf('\\') < 0) return s.slice(1, -1);
  let out = '';
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length - 1) {
      out += s[++i]!;
    } else out += c;
  }
  return out;
}
