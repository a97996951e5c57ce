/** Ordered from most to least severe; `--fail-on` compares by this order. */
export const Severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof Severities)[number];

export function isSeverity(s: string): s is Severity {
  return (Severities as readonly string[]).includes(s);
}

/** True when `s` is at least as severe as `threshold`. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return Severities.indexOf(s) <= Severities.indexOf(threshold);
}

export interface ObjectRef {
  kind: string;
  /** As written in the manifest; null when unset (Kubernetes would use the namespace it is applied to). */
  namespace: string | null;
  name: string;
}

/** One audit result: the JSON contract of `vigil audit --format json` plus where the object was read from. */
export interface Finding {
  id: string;
  topic: string;
  severity: Severity;
  object: ObjectRef;
  /** JSON path of the offending field inside the object: `spec.template.spec.containers[0].securityContext.privileged`. */
  path: string;
  message: string;
  remediation: string;
  file: string;
  line: number;
}
