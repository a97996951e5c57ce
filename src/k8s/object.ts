/** Where an object came from: the file (or `<stdin>`, or `cluster:<kind>`) and the 1-based line of its first key. */
export interface ObjectSource {
  file: string;
  line: number;
  /** Line of a field inside the object, by JSON path (`spec.containers[0].image`); absent for live objects. */
  locate?: (path: string) => number | undefined;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  /** As written; undefined when the manifest sets none (Kubernetes would use the namespace it is applied to). */
  namespace: string | undefined;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  ownerReferences: OwnerReference[];
}

/** One Kubernetes object, from a manifest or from the API, with its plain JSON form kept in `raw`. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  raw: Record<string, unknown>;
  source: ObjectSource;
}

/** The namespace Kubernetes would place a namespaced object in when the manifest names none. */
export const DEFAULT_NAMESPACE = 'default';

export function namespaceOf(obj: K8sObject): string {
  return obj.metadata.namespace ?? DEFAULT_NAMESPACE;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
