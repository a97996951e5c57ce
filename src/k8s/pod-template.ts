import { isRecord, type K8sObject } from './object.js';

/** A pod spec inside a workload: `path` is its JSON path inside the object (`spec.template.spec`). */
export interface PodTemplate {
  spec: Record<string, unknown>;
  /** Metadata of the pod the template makes (annotations and labels checks read it). */
  metadata: Record<string, unknown>;
  path: string;
  /** JSON path of that metadata (`spec.template.metadata`, or `metadata` for a Pod). */
  metadataPath: string;
}

/** Where each workload kind keeps its pod template, as key paths from the object root. */
const TemplatePaths: Record<string, { spec: string[]; metadata: string[] }> = {
  Pod: { spec: ['spec'], metadata: ['metadata'] },
  Deployment: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  ReplicaSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  StatefulSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  DaemonSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  Job: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  ReplicationController: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  CronJob: {
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    metadata: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
  },
  PodTemplate: { spec: ['template', 'spec'], metadata: ['template', 'metadata'] },
};

export const WorkloadKinds: readonly string[] = Object.keys(TemplatePaths);

function dig(root: unknown, keys: string[]): unknown {
  let cur = root;
  for (const k of keys) {
    if (!isRecord(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** The pod spec of any workload kind, or null for other kinds or when the object has no usable template. */
export function podTemplateOf(obj: K8sObject): PodTemplate | null {
  const where = TemplatePaths[obj.kind];
  if (!where) return null;
  const spec = dig(obj.raw, where.spec);
  if (!isRecord(spec)) return null;
  const metadata = dig(obj.raw, where.metadata);
  return {
    spec,
    metadata: isRecord(metadata) ? metadata : {},
    path: where.spec.join('.'),
    metadataPath: where.metadata.join('.'),
  };
}
