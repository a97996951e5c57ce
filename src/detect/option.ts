import type { EvalContext } from './context.js';

/**
 * The shape every rule option shares (Snort's IpsOption + Parameter table): a parameter table that
 * documents and validates, `parse` (compile time, may throw OptionError), `eval` (hot path, never throws)
 * and `key` (identical options share one key, so the compiler can deduplicate them).
 */
export type ParamType = 'string' | 'int' | 'interval' | 'enum' | 'implied' | 'bit_list' | 'var_or_int';

export interface ParamDef {
  readonly name: string;
  readonly type: ParamType;
  /** Snort's range text: `0:255`, `-65535:65535`, enum values `a | b`. */
  readonly range?: string;
  readonly help: string;
}

/**
 * What an option does, so the compiler can classify rules without knowing every option:
 * `payload` reads the current buffer, `selector` switches buffers, `header` checks packet fields,
 * `flow` checks flow state, `post` acts after the rule matched, `ignored` is accepted and has no effect.
 */
export type OptionKind = 'payload' | 'selector' | 'header' | 'flow' | 'post' | 'ignored';

/** Compile-time state shared by the options of one rule and by all rules (flowbit ids). */
export interface ParseContext {
  /** byte_extract / byte_math variable names defined so far in this rule, index = variable slot. */
  readonly vars: string[];
  readonly bits: FlowbitNames;
  /** Set by parse functions to attach a warning (accepted, but with a note). */
  note: string | null;
}

export interface FlowbitNames {
  bit(name: string): number;
  group(name: string): number;
  /** Bit ids that belong to a group (filled as rules are parsed). */
  members(group: number): number[];
  readonly bitCount: number;
}

export interface OptionSpec<S> {
  readonly name: string;
  readonly kind: OptionKind;
  readonly help: string;
  readonly params: readonly ParamDef[];
  parse(args: string | null, pc: ParseContext): S;
  eval(state: S, ctx: EvalContext): boolean;
  key(state: S): string;
  /**
   * Cursor-setting options (content, pcre): find the first match starting at or after `from` (buffer
   * relative) given the cursor `base` before this option; set ctx.cursor past it and return its start, or -1.
   * The evaluator calls it again with from = start + 1 to backtrack.
   */
  search?(state: S, ctx: EvalContext, base: number, from: number): number;
  /** True when the parsed option reads or uses the cursor (relative). */
  relative?(state: S): boolean;
  /**
   * Tests application-session state (ssl_state, ssl_version), which only reassembled PDUs carry: the rule
   * runs on PDUs only and alerts once per flow direction (Snort evaluates these on PDUs only; Suricata
   * counts one TLS transaction per direction).
   */
  readonly session?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOptionSpec = OptionSpec<any>;

/** A problem in an option's arguments; `col` is an offset into the args text when known. */
export class OptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionError';
  }
}

export function fail(message: string): never {
  throw new OptionError(message);
}

export function defineOption<S>(spec: OptionSpec<S>): OptionSpec<S> {
  return spec;
}

/** Split option arguments on commas outside double quotes (a backslash escapes the next character). */
export function splitArgs(args: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < args.length; i++) {
    const c = args[i]!;
    if (c === '\\' && i + 1 < args.length) {
      cur += c + args[i + 1]!;
      i++;
    } else if (c === '"') {
      q = !q;
      cur += c;
    } else if (c === ',' && !q) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (q) fail('unterminated quoted string');
  out.push(cur.trim());
  return out;
}

export function requireArgs(name: string, args: string | null): string {
  if (args === null || args.trim() === '') fail(`${name} requires arguments`);
  return args.trim();
}

export function noArgs(name: string, args: string | null): void {
  if (args !== null && args.trim() !== '') fail(`${name} takes no arguments`);
}

/** Parse a decimal (or 0x hex) integer within [lo, hi]. */
export function parseInt32(text: string, what: string, lo: number, hi: number): number {
  const t = text.trim();
  if (!/^[-+]?(0x[0-9a-f]+|\d+)$/i.test(t)) fail(`${what}: expected an integer, got '${text}'`);
  const neg = t.startsWith('-');
  const body = t.replace(/^[-+]/, '');
  const v = (neg ? -1 : 1) * (body.toLowerCase().startsWith('0x') ? parseInt(body, 16) : parseInt(body, 10));
  if (v < lo || v > hi) fail(`${what}: ${v} is out of range ${lo}:${hi}`);
  return v;
}

/**
 * A numeric argument that is either a constant or a byte_extract variable. Encoded as a pair so eval
 * reads `varIdx < 0 ? value : ctx.vars[varIdx]` without allocation.
 */
export interface NumArg {
  value: number;
  varIdx: number;
}

export function parseNumOrVar(text: string, what: string, lo: number, hi: number, pc: ParseContext): NumArg {
  const t = text.trim();
  if (/^[A-Za-z_][\w.-]*$/.test(t) && !/^0x/i.test(t)) {
    const idx = pc.vars.indexOf(t);
    if (idx < 0) fail(`${what}: unknown variable '${t}' (define it with byte_extract first)`);
    return { value: 0, varIdx: idx };
  }
  return { value: parseInt32(t, what, lo, hi), varIdx: -1 };
}

export function numKey(a: NumArg): string {
  return a.varIdx < 0 ? String(a.value) : `$${a.varIdx}`;
}

/** Split "name value" sub-option text at the first run of whitespace. */
export function nameValue(part: string): [string, string] {
  const m = /^(\S+)\s*(.*)$/s.exec(part.trim());
  return m ? [m[1]!, m[2]!.trim()] : ['', ''];
}
