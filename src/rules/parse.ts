/**
 * Snort 3 text rules → Rule AST. Every problem becomes a Diagnostic with file:line:col and parsing goes
 * on with the next statement; a rule with an error is dropped.
 */
import type { Diagnostic } from '../core/errors.js';
import type { Rule, RuleOption } from './ast.js';
import { type Classification, defaultClassifications } from './classifications.js';
import { dedupeRules } from './dedupe.js';
import { parseHeader, type HeaderProblem } from './header.js';
import { convertLegacy, isLegacy, type LegacyProblem, renameSuricataBuffers } from './legacy.js';
import { type Statement, ACTIONS, posOf, splitStatements } from './lexer.js';
import { extractMetadata, type MetaProblem, type RuleMeta } from './metadata.js';
import { type OptionProblem, splitOptions } from './options.js';
import { VarTable } from './vars.js';

/** Result of resolving an `include` target: the file's canonical path and text, or an error message. */
export type IncludeResult = { file: string; text: string } | { error: string };

export interface ParseContext {
  vars: VarTable;
  classifications: Map<string, Classification>;
  /** Resolves `include <target>` seen in `fromFile`; absent → includes are reported as unsupported. */
  include?: (target: string, fromFile: string) => IncludeResult;
  /** Files being parsed (outermost first), for include cycle detection. */
  stack: string[];
  /** Every file parsed so far, in order. */
  files: string[];
}

export function createParseContext(
  opts: { vars?: Record<string, string>; include?: (target: string, fromFile: string) => IncludeResult } = {},
): ParseContext {
  const ctx: ParseContext = {
    vars: new VarTable(opts.vars ?? {}),
    classifications: defaultClassifications(),
    stack: [],
    files: [],
  };
  if (opts.include) ctx.include = opts.include;
  return ctx;
}

class FileParser {
  readonly rules: Rule[] = [];
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly file: string,
    private readonly ctx: ParseContext,
  ) {}

  diag(line: number, col: number, message: string, severity: 'error' | 'warning' = 'error'): void {
    this.diagnostics.push({ file: this.file, line, col, severity, message });
  }

  statement(st: Statement): void {
    const m = /^\s*(\S+)/.exec(st.text)!;
    const word = m[1]!.split('(')[0]!;
    if (ACTIONS.has(word)) this.rule(st);
    else if (word === 'var' || word === 'ipvar' || word === 'portvar') this.variable(st);
    else if (word === 'include') this.include(st);
    else if (word === 'config') this.config(st);
    else {
      const [l, c] = posOf(st, m.index + m[0].length - m[1]!.length);
      this.diag(l, c, `unknown statement '${word.slice(0, 30)}'`);
    }
  }

  private variable(st: Statement): void {
    const m = /^\s*\S+\s+([A-Za-z_][A-Za-z0-9_]*)\s+(\S[\s\S]*?)\s*$/.exec(st.text);
    const [l, c] = posOf(st, 0);
    if (!m) this.diag(l, c, 'expected: var NAME VALUE');
    else this.ctx.vars.define(m[1]!, m[2]!);
  }

  private include(st: Statement): void {
    const [l, c] = posOf(st, 0);
    let target = st.text.trim().slice('include'.length).trim();
    target = target.replace(
      /\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (all, name: string) => this.ctx.vars.get(name) ?? all,
    );
    if (target === '') return this.diag(l, c, 'include needs a path');
    if (!this.ctx.include) return this.diag(l, c, `include not supported here: '${target}'`);
    const res = this.ctx.include(target, this.file);
    if ('error' in res) return this.diag(l, c, res.error);
    if (this.ctx.stack.includes(res.file)) {
      return this.diag(l, c, `include cycle: ${[...this.ctx.stack, res.file].join(' -> ')}`);
    }
    const sub = parseRules(res.text, res.file, this.ctx);
    this.rules.push(...sub.rules);
    this.diagnostics.push(...sub.diagnostics);
  }

  /** Snort 2 `config classification: name,description,priority` extends the table; other config is ignored. */
  private config(st: Statement): void {
    const [l, c] = posOf(st, 0);
    const m = /^\s*config\s+classification\s*:\s*([^,]+),([^,]*),\s*(\d+)\s*$/.exec(st.text);
    if (m) {
      const name = m[1]!.trim();
      this.ctx.classifications.set(name, { name, description: m[2]!.trim(), priority: Number(m[3]) });
    } else this.diag(l, c, 'config line ignored', 'warning');
  }

  private rule(st: Statement): void {
    const n0 = this.diagnostics.length;
    const open = st.text.indexOf('(');
    const headerText = open < 0 ? st.text : st.text.slice(0, open);
    const hp: HeaderProblem[] = [];
    const header = parseHeader(headerText, this.ctx.vars, hp);
    for (const p of hp) this.diag(...posOf(st, p.off), p.message);
    if (open < 0) {
      const [l, c] = posOf(st, st.text.length);
      return this.diag(l, c, "missing rule options '( … )'");
    }
    const op: OptionProblem[] = [];
    let opts = splitOptions(st, open + 1, st.text.lastIndexOf(')'), op);
    for (const p of op) this.diag(p.line, p.col, p.message);
    const meta: RuleMeta = {
      gid: 1,
      sid: 0,
      rev: 1,
      msg: '',
      classtype: null,
      priority: 3,
      references: [],
      metadata: [],
      services: header ? [...header.services] : [],
    };
    const mp: MetaProblem[] = [];
    opts = extractMetadata(opts, meta, this.ctx.classifications, mp);
    for (const p of mp) this.diag(p.opt.line, p.opt.col, p.message, p.severity);
    opts = renameSuricataBuffers(opts);
    const legacy = isLegacy(opts);
    if (legacy) opts = this.legacy(opts);
    const [line, col] = posOf(st, 0);
    if (meta.sid === 0 && !mp.some((p) => p.opt.name === 'sid')) this.diag(line, col, 'rule has no sid');
    if (!header || this.diagnostics.slice(n0).some((d) => d.severity === 'error')) return;
    // One object shape for every rule (monomorphic property access in detect/).
    this.rules.push({
      file: this.file,
      line,
      text: st.text.trim(),
      action: header.action,
      proto: header.proto,
      src: header.src,
      sport: header.sport,
      dst: header.dst,
      dport: header.dport,
      bidirectional: header.bidirectional,
      options: opts,
      gid: meta.gid,
      sid: meta.sid,
      rev: meta.rev,
      msg: meta.msg,
      classtype: meta.classtype,
      priority: meta.priority,
      references: meta.references,
      metadata: meta.metadata,
      services: meta.services,
      legacy,
    });
  }

  private legacy(opts: RuleOption[]): RuleOption[] {
    const lp: LegacyProblem[] = [];
    const out = convertLegacy(opts, lp);
    for (const p of lp) this.diag(p.opt.line, p.opt.col, p.message);
    return out;
  }
}

/**
 * Parses one file's text. Variables, classifications and includes go through `ctx`, which is shared by all
 * files of one rule set. Duplicate gid:sid pairs within the result are resolved as Snort does (dedupe.ts).
 */
export function parseRules(
  text: string,
  file: string,
  ctx: ParseContext,
): { rules: Rule[]; diagnostics: Diagnostic[] } {
  const p = new FileParser(file, ctx);
  ctx.stack.push(file);
  ctx.files.push(file);
  try {
    const { statements, problems } = splitStatements(text);
    for (const pr of problems) p.diag(pr.line, pr.col, pr.message);
    for (const st of statements) p.statement(st);
  } finally {
    ctx.stack.pop();
  }
  const diagnostics = p.diagnostics;
  const rules = ctx.stack.length === 0 ? dedupeRules(p.rules, diagnostics) : p.rules;
  return { rules, diagnostics };
}
