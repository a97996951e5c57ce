import { isRecord } from './object.js';

export interface SelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** metav1.LabelSelector, normalized: matchLabels folded into `In` requirements with one value. */
export interface LabelSelector {
  requirements: SelectorRequirement[];
}

const Operators = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * Normalizes a LabelSelector from its JSON form. `null`/absent and `{}` select everything (Kubernetes'
 * meaning for podSelector); a malformed requirement yields null: Kubernetes rejects such an object, and a
 * selector we cannot read must not be treated as "match all".
 */
export function parseSelector(v: unknown): LabelSelector | null {
  if (v === undefined || v === null) return { requirements: [] };
  if (!isRecord(v)) return null;
  const requirements: SelectorRequirement[] = [];
  if (v.matchLabels !== undefined && v.matchLabels !== null) {
    if (!isRecord(v.matchLabels)) return null;
    for (const [key, val] of Object.entries(v.matchLabels)) {
      if (typeof val !== 'string') return null;
      requirements.push({ key, operator: 'In', values: [val] });
    }
  }
  if (v.matchExpressions !== undefined && v.matchExpressions !== null) {
    if (!Array.isArray(v.matchExpressions)) return null;
    for (const e of v.matchExpressions) {
      if (
        !isRecord(e) ||
        typeof e.key !== 'string' ||
        typeof e.operator !== 'string' ||
        !Operators.has(e.operator)
      )
        return null;
      const values = Array.isArray(e.values)
        ? e.values.filter((x): x is string => typeof x === 'string')
        : [];
      requirements.push({ key: e.key, operator: e.operator as SelectorRequirement['operator'], values });
    }
  }
  return { requirements };
}

/** True when every requirement holds for `labels` (an empty selector matches every label set). */
export function selectorMatches(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const r of sel.requirements) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(labels[r.key] as string)) return false;
        break;
      case 'NotIn':
        if (has && r.values.includes(labels[r.key] as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}
