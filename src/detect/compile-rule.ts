import type { Diagnostic } from '../core/errors.js';
import type { Rule } from '../rules/ast.js';
import { BufferId, isFpBuffer } from './buffers.js';
import { OptionError, type AnyOptionSpec, type FlowbitNames, type ParseContext } from './option.js';
import { fastPatternBytes, type ContentState } from './options/content.js';
import type { DetectionFilterState } from './options/detection_filter.js';
import { FlowbitsOp, isSetter, type FlowbitsState } from './options/flowbits.js';
import type { FlowState } from './options/flow.js';
import { lookupOption } from './options/registry.js';
import type { SelectorState } from './options/selectors.js';

export interface CompiledOption {
  spec: AnyOptionSpec;
  state: unknown;
  /** Backtrack over this option's later matches when a later option fails (content/pcre followed by relative options). */
  retry: boolean;
}

export interface FastPattern {
  buffer: number;
  bytes: Uint8Array;
  nocase: boolean;
}

/** A rule ready for evaluation. `index` is its position in the engine (also its fast-pattern id). */
export interface CompiledRule {
  rule: Rule;
  index: number;
  ops: CompiledOption[];
  setters: FlowbitsState[];
  noalert: boolean;
  detectionFilter: DetectionFilterState | null;
  /** Some option reads a buffer. */
  hasPayload: boolean;
  /** Some payload option reads pkt_data / raw_data. */
  hasPktPayload: boolean;
  noStream: boolean;
  onlyStream: boolean;
  /** Some option tests application-session state (`OptionSpec.session`). */
  session: boolean;
  fp: FastPattern | null;
}

/** Flowbit and group names → ids, shared by all rules of an engine. */
export class FlowbitRegistry implements FlowbitNames {
  private readonly bits = new Map<string, number>();
  private readonly groups = new Map<string, number>();
  private readonly groupMembers: number[][] = [];
  bit(name: string): number {
    let id = this.bits.get(name);
    if (id === undefined) this.bits.set(name, (id = this.bits.size));
    return id;
  }
  group(name: string): number {
    let id = this.groups.get(name);
    if (id === undefined) {
      this.groups.set(name, (id = this.groups.size));
      this.groupMembers.push([]);
    }
    return id;
  }
  members(group: number): number[] {
    return this.groupMembers[group]!;
  }
  get bitCount(): number {
    return this.bits.size;
  }
}

/**
 * Parse a rule's options; returns the compiled rule, or null with diagnostics when an option is invalid.
 * `shared` (option key → state) lets identical options of different rules share one parsed state.
 */
export function compileRule(
  rule: Rule,
  index: number,
  bits: FlowbitNames,
  diags: Diagnostic[],
  shared: Map<string, unknown> | null = null,
): CompiledRule | null {
  const pc: ParseContext = { vars: [], bits, note: null };
  const cr: CompiledRule = {
    rule,
    index,
    ops: [],
    setters: [],
    noalert: false,
    detectionFilter: null,
    hasPayload: false,
    hasPktPayload: false,
    noStream: false,
    onlyStream: false,
    session: false,
    fp: null,
  };
  let buffer: number = BufferId.pkt_data;
  let ok = true;
  const contents: { s: ContentState; buffer: number }[] = [];
  for (const opt of rule.options) {
    const spec = lookupOption(opt.name);
    const at = { file: rule.file, line: opt.line, col: opt.col };
    if (spec === undefined) {
      diags.push({
        ...at,
        severity: 'error',
        message: `unknown rule option '${opt.name}' (sid ${rule.sid})`,
      });
      ok = false;
      continue;
    }
    let state: unknown;
    pc.note = null;
    try {
      state = spec.parse(opt.args, pc);
    } catch (e) {
      if (!(e instanceof OptionError)) throw e;
      diags.push({ ...at, severity: 'error', message: `${e.message} (sid ${rule.sid})` });
      ok = false;
      continue;
    }
    if (shared !== null) {
      // identical options share one state (one compiled RegExp, one pattern table), as Snort dedupes by hash
      const key = spec.key(state);
      const prev = shared.get(key);
      if (prev === undefined) shared.set(key, state);
      else state = prev;
    }
    if (pc.note !== null) diags.push({ ...at, severity: 'warning', message: `${pc.note} (sid ${rule.sid})` });
    if (spec.kind === 'ignored') continue;
    if (spec.kind === 'post') {
      cr.detectionFilter = state as DetectionFilterState;
      continue;
    }
    if (spec.name === 'flowbits') {
      const fb = state as FlowbitsState;
      if (fb.op === FlowbitsOp.NOALERT) cr.noalert = true;
      if (isSetter(fb)) cr.setters.push(fb);
      if (fb.op !== FlowbitsOp.ISSET && fb.op !== FlowbitsOp.ISNOTSET) continue;
    }
    if (spec.name === 'flow') {
      const f = state as FlowState;
      if (f.stream === 0) cr.noStream = true;
      if (f.stream === 1) cr.onlyStream = true;
    }
    if (spec.session === true) cr.session = cr.hasPayload = true;
    if (spec.kind === 'selector') buffer = (state as SelectorState).id;
    if (spec.kind === 'payload') {
      cr.hasPayload = true;
      if (buffer === BufferId.pkt_data || buffer === BufferId.raw_data) cr.hasPktPayload = true;
    }
    if (spec.kind === 'selector' && buffer !== BufferId.pkt_data && buffer !== BufferId.raw_data)
      cr.hasPayload = true;
    if (spec.name === 'content' && !(state as ContentState).negated && isFpBuffer(buffer) && !hasField(cr)) {
      contents.push({ s: state as ContentState, buffer });
    }
    cr.ops.push({ spec, state, retry: false });
  }
  if (!ok) return null;
  markRetries(cr.ops);
  cr.fp = chooseFastPattern(contents);
  return cr;
}

/** Contents after `http_header: field x` search a sub-buffer the automaton does not see. */
function hasField(cr: CompiledRule): boolean {
  for (let i = cr.ops.length - 1; i >= 0; i--) {
    const op = cr.ops[i]!;
    if (op.spec.kind === 'selector') return (op.state as SelectorState).field !== null;
  }
  return false;
}

function markRetries(ops: CompiledOption[]): void {
  let laterRelative = false;
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i]!;
    if (op.spec.search !== undefined && laterRelative) op.retry = true;
    if (op.spec.relative !== undefined && op.spec.relative(op.state)) laterRelative = true;
  }
}

/** Snort 3: an explicit fast_pattern wins, else the longest non-negated content (ties: the first). */
function chooseFastPattern(contents: { s: ContentState; buffer: number }[]): FastPattern | null {
  let best: { s: ContentState; buffer: number } | null = null;
  for (const c of contents) {
    if (c.s.fastPattern) {
      best = c;
      break;
    }
    if (best === null || fastPatternBytes(c.s).length > fastPatternBytes(best.s).length) best = c;
  }
  if (best === null) return null;
  return { buffer: best.buffer, bytes: fastPatternBytes(best.s), nocase: best.s.nocase };
}
