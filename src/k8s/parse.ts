import { LineCounter, isMap, isSeq, isScalar, parseAllDocuments, type Node } from 'yaml';
import type { Diagnostic } from '../core/errors.js';
import { isListKind, KnownKinds } from './kinds.js';
import { isRecord, type K8sObject, type ObjectMeta, type OwnerReference } from './object.js';
import { parsePath, formatPath, type PathStep } from './path.js';
import { podTemplateOf } from './pod-template.js';
import { checkShape, MetadataShape, PodSpecShape } from './shape.js';

export interface LoadResult {
  objects: K8sObject[];
  diagnostics: Diagnostic[];
}

/** The yaml library's message without its own "at line L, column C:" suffix and source excerpt. */
function firstLine(msg: string): string {
  return (msg.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

/** Walks a YAML node by JSON path steps; returns the deepest node reached. */
function nodeAt(root: Node | null, steps: readonly PathStep[]): Node | null {
  let cur: unknown = root;
  for (const s of steps) {
    let next: unknown = undefined;
    if (isMap(cur)) next = cur.items.find((p) => isScalar(p.key) && String(p.key.value) === String(s))?.value;
    else if (isSeq(cur) && typeof s === 'number') next = cur.items[s];
    if (next === undefined || next === null) break;
    cur = next;
  }
  return (cur as Node | null) ?? null;
}

class Located {
  constructor(
    readonly file: string,
    readonly lc: LineCounter,
  ) {}
  pos(node: Node | null | undefined): { line: number; col: number } {
    const off = node?.range?.[0] ?? 0;
    return this.lc.linePos(off);
  }
  diag(node: Node | null | undefined, severity: Diagnostic['severity'], message: string): Diagnostic {
    const { line, col } = this.pos(node);
    return { file: this.file, line, col, severity, message };
  }
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function ownersOf(v: unknown): OwnerReference[] {
  if (!Array.isArray(v)) return [];
  const out: OwnerReference[] = [];
  for (const o of v) {
    if (!isRecord(o) || typeof o.kind !== 'string' || typeof o.name !== 'string') continue;
    const ref: OwnerReference = {
      apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
      kind: o.kind,
      name: o.name,
    };
    if (typeof o.uid === 'string') ref.uid = o.uid;
    if (typeof o.controller === 'boolean') ref.controller = o.controller;
    out.push(ref);
  }
  return out;
}

function metaOf(v: unknown): ObjectMeta {
  const m = isRecord(v) ? v : {};
  const name = typeof m.name === 'string' ? m.name : typeof m.generateName === 'string' ? m.generateName : '';
  return {
    name,
    namespace: typeof m.namespace === 'string' && m.namespace !== '' ? m.namespace : undefined,
    labels: stringRecord(m.labels),
    annotations: stringRecord(m.annotations),
    ownerReferences: ownersOf(m.ownerReferences),
  };
}

/** Builds one object, or reports why Kubernetes would reject it. Returns null when rejected. */
function toObject(
  value: Record<string, unknown>,
  node: Node,
  at: Located,
  out: Diagnostic[],
): K8sObject | null {
  const { apiVersion, kind } = value;
  if (typeof kind !== 'string' || kind === '' || typeof apiVersion !== 'string' || apiVersion === '') {
    out.push(at.diag(node, 'error', 'object has no string "apiVersion" and "kind"; skipped'));
    return null;
  }
  const meta = metaOf(value.metadata);
  const line = at.pos(node).line;
  const obj: K8sObject = {
    apiVersion,
    kind,
    metadata: meta,
    raw: value,
    source: { file: at.file, line, locate: (p) => at.pos(nodeAt(node, parsePath(p))).line },
  };
  const label = `${kind} ${meta.namespace ? meta.namespace + '/' : ''}${meta.name || '<unnamed>'}`;
  if (!isRecord(value.metadata) || meta.name === '')
    out.push(at.diag(node, 'warning', `${label}: no metadata.name`));
  const errors = checkShape(value.metadata, MetadataShape, ['metadata']);
  const tpl = podTemplateOf(obj);
  if (tpl) checkShape(tpl.spec, PodSpecShape, [...parsePath(tpl.path)], errors);
  for (const e of errors)
    out.push(
      at.diag(
        nodeAt(node, e.steps),
        'error',
        `${label}: ${formatPath(e.steps)}: ${e.message}; object skipped`,
      ),
    );
  if (errors.length > 0) return null;
  if (!KnownKinds.has(kind))
    out.push(at.diag(node, 'warning', `${label}: unknown kind ${kind} (kept, not checked)`));
  return obj;
}

/**
 * Items of a typed list (`PodList`, as `kubectl get -o yaml` and the API return them) carry no apiVersion/kind:
 * they are the list's kind without `List` and the list's apiVersion.
 */
function withListDefaults(item: unknown, listKind: string, apiVersion: unknown): unknown {
  if (!isRecord(item) || listKind === 'List') return item;
  if (item.kind !== undefined && item.apiVersion !== undefined) return item;
  return { apiVersion, kind: listKind.slice(0, -4), ...item };
}

function collect(value: unknown, node: Node, at: Located, out: LoadResult): void {
  if (!isRecord(value)) {
    out.diagnostics.push(at.diag(node, 'error', 'document is not a mapping; skipped'));
    return;
  }
  const kind = value.kind;
  if (typeof kind === 'string' && isListKind(kind) && Array.isArray(value.items)) {
    const itemsNode = nodeAt(node, ['items']);
    value.items.forEach((item, i) => {
      const itemNode = isSeq(itemsNode) ? ((itemsNode.items[i] as Node | undefined) ?? node) : node;
      collect(withListDefaults(item, kind, value.apiVersion), itemNode, at, out);
    });
    return;
  }
  const obj = toObject(value, node, at, out.diagnostics);
  if (obj) out.objects.push(obj);
}

/** Parses multi-document YAML or JSON text. Every problem becomes a diagnostic and the other documents still load. */
export function parseManifestText(
  text: string,
  file: string,
  out: LoadResult = { objects: [], diagnostics: [] },
): LoadResult {
  const lc = new LineCounter();
  const at = new Located(file, lc);
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    for (const w of doc.warnings) {
      const p = w.linePos?.[0] ?? { line: 1, col: 1 };
      out.diagnostics.push({
        file,
        line: p.line,
        col: p.col,
        severity: 'warning',
        message: firstLine(w.message),
      });
    }
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const p = e.linePos?.[0] ?? { line: 1, col: 1 };
        out.diagnostics.push({
          file,
          line: p.line,
          col: p.col,
          severity: 'error',
          message: `YAML: ${firstLine(e.message)}`,
        });
      }
      continue;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      out.diagnostics.push(
        at.diag(doc.contents, 'error', `YAML: ${err instanceof Error ? err.message : String(err)}`),
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    collect(value, doc.contents, at, out);
  }
  return out;
}
