/** Kubernetes label selectors (metav1.LabelSelector): matching and netpol-analyzer's rendering. */
export type Labels = Readonly<Record<string, string>>;
export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export interface Selector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly Requirement[];
}

export const MATCH_ALL: Selector = { matchLabels: {}, matchExpressions: [] };

export function isOperator(op: string): op is Operator {
  return op === 'In' || op === 'NotIn' || op === 'Exists' || op === 'DoesNotExist';
}

/** Every requirement must hold (AND); an empty selector selects everything. */
export function matches(sel: Selector, labels: Labels): boolean {
  for (const key in sel.matchLabels) {
    if (!Object.hasOwn(labels, key) || labels[key] !== sel.matchLabels[key]) return false;
  }
  for (const r of sel.matchExpressions) if (!requirementHolds(r, labels)) return false;
  return true;
}

export function requirementHolds(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key]!);
    case 'NotIn':
      // Kubernetes: NotIn also matches objects that lack the key.
      return !has || !r.values.includes(labels[r.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function isEmptySelector(sel: Selector): boolean {
  return Object.keys(sel.matchLabels).length === 0 && sel.matchExpressions.length === 0;
}

/**
 * A canonical key, so equal selectors share cached results and representative peers. `k In [v]` selects
 * exactly what `k=v` does and gets its key (netpol-analyzer makes one representative peer of both).
 */
export function selectorKey(sel: Selector): string {
  const reqs = Object.keys(sel.matchLabels).map((k) => `${k}=${sel.matchLabels[k]}`);
  for (const r of sel.matchExpressions)
    reqs.push(
      r.operator === 'In' && r.values.length === 1
        ? `${r.key}=${r.values[0]}`
        : `${r.key} ${r.operator} ${[...r.values].sort().join('|')}`,
    );
  return [...new Set(reqs)].sort().join(',');
}

/**
 * Text as netpol-analyzer prints it: matchLabels as `k=v` sorted by key (labels.Set.String()),
 * then each requirement in Go's `%v` struct form `{Key:k,Operator:In,Values:[a b],}`, sorted.
 */
export function formatSelector(sel: Selector): string {
  const parts: string[] = [];
  const ml = Object.keys(sel.matchLabels)
    .sort()
    .map((k) => `${k}=${sel.matchLabels[k]}`)
    .join(',');
  if (ml !== '') parts.push(ml);
  if (sel.matchExpressions.length > 0) {
    const reqs = sel.matchExpressions
      .map((r) => `{Key:${r.key},Operator:${r.operator},Values:[${r.values.join(' ')}],}`)
      .sort();
    parts.push(reqs.join(','));
  }
  return parts.join(',');
}
