import type { Rule } from '../rules/ast.js';

export interface EventQueueConfig {
  /** Events kept per inspection unit (Snort's event_queue.max_queue). */
  maxQueue: number;
  /** Events logged per inspection unit (Snort's event_queue.log). */
  log: number;
  /** Which events are logged first (Snort's event_queue.order_events). */
  order: 'content_length' | 'priority';
}

/** Snort 3's defaults: a packet that fires more rules logs the three with the longest contents. */
export const DEFAULT_EVENT_QUEUE: EventQueueConfig = { maxQueue: 8, log: 3, order: 'content_length' };

const patternLen = new WeakMap<Rule, number>();

/** Length in bytes of a quoted content argument: `"ab|41 42|c"` → 5. */
function contentLength(args: string): number {
  const end = args.lastIndexOf('"');
  const start = args.indexOf('"');
  if (start < 0 || end <= start) return 0;
  let n = 0;
  let hex = false;
  let digits = 0;
  for (let i = start + 1; i < end; i++) {
    const ch = args[i]!;
    if (ch === '|') {
      hex = !hex;
      digits = 0;
    } else if (hex) {
      if (/[0-9a-fA-F]/.test(ch) && ++digits % 2 === 0) n++;
    } else if (ch === '\\' && i + 1 < end) {
      i++;
      n++;
    } else n++;
  }
  return n;
}

/** The longest content of a rule (negated ones count: they are patterns of the rule too). */
export function longestPattern(rule: Rule): number {
  let n = patternLen.get(rule);
  if (n === undefined) {
    n = 0;
    for (const o of rule.options)
      if (o.name === 'content' && o.args !== null) n = Math.max(n, contentLength(o.args));
    patternLen.set(rule, n);
  }
  return n;
}

function byContentLength<E extends { rule: Rule }>(a: E, b: E): number {
  return longestPattern(b.rule) - longestPattern(a.rule) || b.rule.sid - a.rule.sid;
}

function byPriority<E extends { rule: Rule }>(a: E, b: E): number {
  return a.rule.priority - b.rule.priority || a.rule.sid - b.rule.sid;
}

/**
 * Per-unit event queue: collects the rules that fired on one inspection unit, then logs at most `log` of
 * them in `order`. Overflow past `maxQueue` and events queued but not logged are counted.
 */
export class EventQueue<E extends { rule: Rule }> {
  private readonly items: E[] = [];
  overflow = 0;
  suppressed = 0;

  constructor(private readonly cfg: EventQueueConfig = DEFAULT_EVENT_QUEUE) {}

  add(e: E): void {
    if (this.items.length >= this.cfg.maxQueue) {
      this.overflow++;
      return;
    }
    this.items.push(e);
  }

  /** Log the queued events and empty the queue. */
  flush(emit: (e: E) => void): void {
    const items = this.items;
    if (items.length === 0) return;
    if (items.length > 1) {
      // As Snort 3's fp_detect: longest content first, ties by higher sid; or priority first, ties by
      // lower sid. (On the benchmark capture a request firing 1122, 1762, 886 and 1147 logs 1147, not 886.)
      items.sort(this.cfg.order === 'content_length' ? byContentLength : byPriority);
    }
    const n = Math.min(items.length, this.cfg.log);
    this.suppressed += items.length - n;
    for (let i = 0; i < n; i++) emit(items[i]!);
    items.length = 0;
  }
}
