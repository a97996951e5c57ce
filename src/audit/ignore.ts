import { isRecord, type K8sObject } from '../k8s/object.js';
import type { Finding } from './finding.js';

export const IGNORE_ANNOTATION = 'vigil.io/ignore';

/** One accepted risk: every given field must match (`*` globs); `reason` is for the reader. */
export interface AuditException {
  check?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  path?: string;
  reason?: string;
}

function glob(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined || pattern === '*') return true;
  const re = new RegExp('^' + pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
  return re.test(value);
}

export function matchesException(f: Finding, e: AuditException): boolean {
  return (
    glob(e.check, f.id) &&
    glob(e.kind, f.object.kind) &&
    glob(e.namespace, f.object.namespace ?? 'default') &&
    glob(e.name, f.object.name) &&
    (e.path === undefined ||
      f.path === e.path ||
      f.path.startsWith(e.path + '.') ||
      f.path.startsWith(e.path + '['))
  );
}

const NONE: ReadonlySet<string> = new Set();

/** Check ids (or `*`/`all`) listed in `vigil.io/ignore` on the object or its pod template. */
export function ignoredChecks(
  obj: K8sObject,
  templateAnnotations: Record<string, string>,
): ReadonlySet<string> {
  const raw = [obj.metadata.annotations[IGNORE_ANNOTATION], templateAnnotations[IGNORE_ANNOTATION]];
  if (raw[0] === undefined && raw[1] === undefined) return NONE;
  return new Set(
    raw
      .flatMap((v) => (v ?? '').split(','))
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** Reads an exceptions document: `{exceptions: [...]}` or a bare list. Returns the problems it found. */
export function parseExceptions(doc: unknown): { exceptions: AuditException[]; problems: string[] } {
  const items = Array.isArray(doc)
    ? doc
    : isRecord(doc) && Array.isArray(doc.exceptions)
      ? doc.exceptions
      : null;
  if (!items)
    return { exceptions: [], problems: ['expected a list, or a mapping with an "exceptions" list'] };
  const exceptions: AuditException[] = [];
  const problems: string[] = [];
  items.forEach((it, i) => {
    if (!isRecord(it)) return problems.push(`exceptions[${i}]: expected a mapping`);
    const e: AuditException = {};
    for (const k of ['check', 'kind', 'namespace', 'name', 'path', 'reason'] as const) {
      const v = it[k];
      if (v === undefined) continue;
      if (typeof v !== 'string') problems.push(`exceptions[${i}].${k}: expected a string`);
      else e[k] = v;
    }
    if (Object.keys(e).filter((k) => k !== 'reason').length === 0)
      problems.push(
        `exceptions[${i}]: matches everything; give at least one of check, kind, namespace, name, path`,
      );
    else exceptions.push(e);
    return undefined;
  });
  return { exceptions, problems };
}
