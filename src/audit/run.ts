import type { K8sObject } from '../k8s/object.js';
import type { Hit, PostureCheck } from './check.js';
import { PostureChecks } from './checks/registry.js';
import type { Finding } from './finding.js';
import { ignoredChecks, matchesException, type AuditException } from './ignore.js';
import { indexObjects } from './index-objects.js';
import { DefaultParams, type AuditParams } from './params.js';
import { podViewOf } from './pss/evaluate.js';

const NO_ANNOTATIONS: Record<string, string> = {};

/**
 * A finding whose manifest line is looked up only when an output format asks for it: walking the YAML tree
 * for every finding of a large audit costs more than all the checks.
 */
class LocatedFinding implements Finding {
  readonly id: string;
  readonly topic: string;
  readonly severity: Finding['severity'];
  readonly object: Finding['object'];
  readonly path: string;
  readonly message: string;
  readonly remediation: string;
  readonly file: string;
  private readonly obj: K8sObject;
  private cachedLine: number | undefined;
  constructor(check: PostureCheck, hit: Hit, obj: K8sObject, ref: Finding['object']) {
    this.id = check.id;
    this.topic = check.topic;
    this.severity = hit.severity ?? check.severity;
    // One reference per object, shared by its findings (10k objects give ~150k findings).
    this.object = ref;
    this.path = hit.path;
    this.message = hit.message;
    this.remediation = check.remediation;
    this.file = obj.source.file;
    this.obj = obj;
  }
  get line(): number {
    this.cachedLine ??= this.obj.source.locate?.(this.path) ?? this.obj.source.line;
    return this.cachedLine;
  }
}

export interface AuditOptions {
  params?: Partial<AuditParams>;
  exceptions?: AuditException[];
  checks?: readonly PostureCheck[];
}

export interface AuditResult {
  findings: Finding[];
  /** Findings dropped by annotation or exception, for `--show-ignored` and counts. */
  ignored: Finding[];
}

/** Runs every posture check over the objects (workload pod templates and the other kinds checks read). */
export function runAudit(objects: readonly K8sObject[], opts: AuditOptions = {}): AuditResult {
  const ctx = { index: indexObjects(objects), params: { ...DefaultParams, ...opts.params } };
  const checks = opts.checks ?? PostureChecks;
  const exceptions = opts.exceptions ?? [];
  const out: AuditResult = { findings: [], ignored: [] };
  for (const obj of objects) {
    const pod = podViewOf(obj);
    const ignore = ignoredChecks(obj, pod?.annotations ?? NO_ANNOTATIONS);
    const all = ignore.has('*') || ignore.has('all');
    let ref: Finding['object'] | null = null;
    for (const check of checks) {
      const hits = check.run(obj, pod, ctx);
      if (hits.length === 0) continue;
      ref ??= { kind: obj.kind, namespace: obj.metadata.namespace ?? null, name: obj.metadata.name };
      for (const hit of hits) {
        const f = new LocatedFinding(check, hit, obj, ref);
        const skip =
          all ||
          ignore.has(check.id) ||
          (exceptions.length > 0 && exceptions.some((e) => matchesException(f, e)));
        (skip ? out.ignored : out.findings).push(f);
      }
    }
  }
  return out;
}
