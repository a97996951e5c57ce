/**
 * Duplicate gid:sid resolution, as Snort 3 does it: the rule with the higher rev is kept (on equal revs the
 * later one), with a warning at the duplicate.
 */
import type { Diagnostic } from '../core/errors.js';
import type { Rule } from './ast.js';

export function dedupeRules(rules: Rule[], diagnostics: Diagnostic[]): Rule[] {
  const byKey = new Map<string, number>();
  const drop = new Uint8Array(rules.length);
  let dropped = 0;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    const key = `${r.gid}:${r.sid}`;
    const j = byKey.get(key);
    if (j === undefined) {
      byKey.set(key, i);
      continue;
    }
    const prev = rules[j]!;
    const keepPrev = prev.rev > r.rev;
    const kept = keepPrev ? prev : r;
    diagnostics.push({
      file: r.file,
      line: r.line,
      col: 1,
      severity: 'warning',
      message: `duplicate rule ${key} (also at ${prev.file}:${prev.line}); using rev ${kept.rev} from ${kept.file}:${kept.line}`,
    });
    drop[keepPrev ? i : j] = 1;
    dropped++;
    if (!keepPrev) byKey.set(key, i);
  }
  return dropped === 0 ? rules : rules.filter((_, i) => drop[i] === 0);
}
