import type { Diagnostic } from '../../core/errors.js';
import type { K8sObject } from '../../k8s/object.js';

/** A problem in one object, located at the field's line when the loader knows it. */
export function objectDiagnostic(
  obj: K8sObject,
  path: string,
  message: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  const line = obj.source.locate?.(path) ?? obj.source.line;
  const ns = obj.metadata.namespace ?? 'default';
  return {
    file: obj.source.file,
    line,
    col: 1,
    severity,
    message: `${obj.kind} ${ns}/${obj.metadata.name}: ${path}: ${message}`,
  };
}
