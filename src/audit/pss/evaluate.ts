import { isRecord, type K8sObject } from '../../k8s/object.js';
import { podTemplateOf } from '../../k8s/pod-template.js';
import { PssChecks } from './registry.js';
import {
  containerViews,
  rec,
  type PodView,
  type PssCheck,
  type PssLevel,
  type PssViolation,
} from './types.js';

export interface PssResult {
  allowed: boolean;
  violations: PssViolation[];
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(v))) if (typeof x === 'string') out[k] = x;
  return out;
}

/** The checks in force at a level and version, with the baseline checks a restricted one replaces removed. */
export function checksFor(level: PssLevel, minor: number): PssCheck[] {
  const active = PssChecks.filter(
    (c) => c.since <= minor && (level === 'restricted' || c.level === 'baseline'),
  );
  const replaced = new Set(active.flatMap((c) => c.overrides ?? []));
  return active.filter((c) => !replaced.has(c.id));
}

export function podViewOf(obj: K8sObject): PodView | null {
  const t = podTemplateOf(obj);
  if (!t) return null;
  return {
    spec: t.spec,
    annotations: stringMap(t.metadata.annotations),
    labels: stringMap(t.metadata.labels),
    specPath: t.path,
    metadataPath: t.metadataPath,
    containers: containerViews(t.spec, t.path),
    windows: isRecord(t.spec.os) && t.spec.os.name === 'windows',
  };
}

/** Evaluates one pod (or workload pod template) as the Pod Security Admission controller would. */
export function evaluatePss(obj: K8sObject, level: PssLevel, minor: number): PssResult {
  const pod = podViewOf(obj);
  if (!pod) return { allowed: true, violations: [] };
  const violations = checksFor(level, minor).flatMap((c) => c.evaluate(pod, minor));
  return { allowed: violations.length === 0, violations };
}
