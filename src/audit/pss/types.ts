import { isRecord } from '../../k8s/object.js';
import { formatPath, joinPath } from '../../k8s/path.js';

export type PssLevel = 'baseline' | 'restricted';

/** One reason a pod is not allowed: the check id (upstream's), the offending field's JSON path, and why. */
export interface PssViolation {
  check: string;
  field: string;
  message: string;
}

export interface ContainerView {
  c: Record<string, unknown>;
  /** JSON path inside the object: `spec.template.spec.initContainers[0]`. */
  path: string;
  name: string;
}

/** A pod spec and its metadata as a check sees them, with JSON path prefixes for the fields it names. */
export interface PodView {
  spec: Record<string, unknown>;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  specPath: string;
  metadataPath: string;
  containers: ContainerView[];
  windows: boolean;
}

/** A Pod Security Standards control, as the Pod Security Admission controller versions it. */
export interface PssCheck {
  id: string;
  level: PssLevel;
  /** Kubernetes 1.x minor from which the check applies. */
  since: number;
  /** Baseline checks this one replaces at the restricted level (from `since`). */
  overrides?: string[];
  evaluate(pod: PodView, minor: number): PssViolation[];
}

// Shared and frozen: checks call these for every absent field of every container, so no allocation per call.
const NO_FIELDS: Record<string, unknown> = Object.freeze({});
const NO_ITEMS: unknown[] = Object.freeze([]) as unknown as unknown[];

export function rec(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : NO_FIELDS;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : NO_ITEMS;
}

export function at(base: string, rest: string): string {
  return joinPath(base, rest);
}

const ContainerLists = ['containers', 'initContainers', 'ephemeralContainers'] as const;

export function containerViews(spec: Record<string, unknown>, specPath: string): ContainerView[] {
  const out: ContainerView[] = [];
  for (const key of ContainerLists)
    list(spec[key]).forEach((c, i) => {
      if (!isRecord(c)) return;
      out.push({
        c,
        path: at(specPath, `${key}[${i}]`),
        name: typeof c.name === 'string' ? c.name : `${key}[${i}]`,
      });
    });
  return out;
}

export function annotationPath(pod: PodView, key: string): string {
  return at(pod.metadataPath, formatPath(['annotations', key]));
}
