import type { K8sObject } from '../k8s/object.js';
import type { PodView } from './pss/types.js';
import type { AuditIndex } from './index-objects.js';
import type { AuditParams } from './params.js';
import type { Severity } from './finding.js';

/** What a check reports: the field and why; id, topic, object and remediation are added by the runner. */
export interface Hit {
  path: string;
  message: string;
  severity?: Severity;
}

export interface CheckContext {
  index: AuditIndex;
  params: AuditParams;
}

/**
 * A breakout or hygiene check. `pod` is the pod spec of a workload (null for other kinds); checks that look at
 * other kinds (ServiceAccount) read `obj`. `subtopics` name the corpus assertions the check implements.
 */
export interface PostureCheck {
  id: string;
  topic: string;
  severity: Severity;
  subtopics: readonly string[];
  remediation: string;
  run(obj: K8sObject, pod: PodView | null, ctx: CheckContext): Hit[];
}
