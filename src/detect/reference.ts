import type { Diagnostic } from '../core/errors.js';
import type { Rule } from '../rules/ast.js';
import { compileRule, FlowbitRegistry, type CompiledRule } from './compile-rule.js';
import { EvalContext } from './context.js';
import { EventFilter, type EventFilterConfig } from './event-filter.js';
import { UnitHeader } from './header.js';
import {
  RuleRunner,
  newStats,
  type AlertEvent,
  type DetectStats,
  type Detector,
  type InspectUnit,
} from './runner.js';

/**
 * The naive evaluator: every rule on every unit, no prefilter and no grouping, same option evaluation.
 * Tests compare it with DetectionEngine to prove the prefilter never loses an alert.
 */
export class ReferenceEvaluator implements Detector {
  readonly rules: CompiledRule[] = [];
  readonly stats: DetectStats = newStats();
  private readonly ctx = new EvalContext();
  private readonly header = new UnitHeader();
  private readonly runner: RuleRunner;

  constructor(rules: Rule[], diagnostics: Diagnostic[], eventFilters: readonly EventFilterConfig[] = []) {
    const bits = new FlowbitRegistry();
    for (const r of rules) {
      const cr = compileRule(r, this.rules.length, bits, diagnostics);
      if (cr !== null) this.rules.push(cr);
    }
    this.ctx.flowbitCount = bits.bitCount;
    this.runner = new RuleRunner(this.ctx, this.header, new EventFilter(eventFilters), this.stats);
  }

  inspect(u: InspectUnit, onAlert: (e: AlertEvent) => void): void {
    this.stats.units++;
    if (u.pkt.ipVer === 0 && u.flow === null) return;
    this.header.fill(u.pkt, u.flow, u.dir, u.rebuilt);
    this.ctx.beginUnit(u.pkt, u.flow, u.dir, u.data, u.off, u.len, u.rebuilt, u.streamed, u.buffers ?? null);
    for (const cr of this.rules) this.runner.run(cr, u, onAlert);
  }
}
