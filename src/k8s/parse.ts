import { LineCounter, isMap, isSeq, isScalar, parseAllDocuments, type Node } from 'yaml';
import type { Diagnostic } from '../core/errors.js';
import { isListKind, KnownKinds } from './kinds.js';
import { isRecord, type K8sObject, type ObjectMeta, type OwnerReference } from './object.js';
import { parsePath, formatPath, type PathStep } from './path.js';
import { podTemplateOf } from './pod-template.js';
import { checkShape, MetadataShape, PodSpecShape } from './shape.js';
import { fastParse, type PosTable } from './fast-yaml.js';

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

/** Where the fields of one parsed value are: lines and columns by JSON path steps. */
interface Loc {
  pos(steps?: readonly PathStep[]): { line: number; col: number };
  /** The location of a field inside this value. */
  at(steps: readonly PathStep[]): Loc;
}

/** Positions from the `yaml` library's node tree (the exact path). */
class NodeLoc implements Loc {
  constructor(
    private readonly lc: LineCounter,
    private readonly node: Node | null,
  ) {}
  pos(steps: readonly PathStep[] = []): { line: number; col: number } {
    const n = steps.length === 0 ? this.node : nodeAt(this.node, steps);
    return this.lc.linePos(n?.range?.[0] ?? 0);
  }
  at(steps: readonly PathStep[]): Loc {
    return new NodeLoc(this.lc, nodeAt(this.node, steps));
  }
}

/** Positions from the fast path's node table; `value` is the parsed value the node holds. */
class TableLoc implements Loc {
  constructor(
    private readonly table: PosTable,
    private readonly node: number,
    private readonly value: unknown,
  ) {}
  pos(steps: readonly PathStep[] = []): { line: number; col: number } {
    return this.table.pos(this.table.start[this.table.walk(this.node, this.value, steps)]!);
  }
  at(steps: readonly PathStep[]): Loc {
    let v = this.value;
    for (const s of steps) v = isRecord(v) ? v[String(s)] : Array.isArray(v) ? v[Number(s)] : undefined;
    return new TableLoc(this.table, this.table.walk(this.node, this.value, steps), v);
  }
}

function diag(
  file: string,
  loc: Loc,
  steps: readonly PathStep[],
  severity: Diagnostic['severity'],
  message: string,
): Diagnostic {
  const { line, col } = loc.pos(steps);
  return { file, line, col, severity, message };
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
  loc: Loc,
  file: string,
  out: Diagnostic[],
): K8sObject | null {
  const { apiVersion, kind } = value;
  if (typeof kind !== 'string' || kind === '' || typeof apiVersion !== 'string' || apiVersion === '') {
    out.push(diag(file, loc, [], 'error', 'object has no string "apiVersion" and "kind"; skipped'));
    return null;
  }
  const meta = metaOf(value.metadata);
  const obj: K8sObject = {
    apiVersion,
    kind,
    metadata: meta,
    raw: value,
    source: { file, line: loc.pos().line, locate: (p) => loc.pos(parsePath(p)).line },
  };
  const label = `${kind} ${meta.namespace ? meta.namespace + '/' : ''}${meta.name || '<unnamed>'}`;
  if (!isRecord(value.metadata) || meta.name === '')
    out.push(diag(file, loc, [], 'warning', `${label}: no metadata.name`));
  const errors = checkShape(value.metadata, MetadataShape, ['metadata']);
  const tpl = podTemplateOf(obj);
  if (tpl) checkShape(tpl.spec, PodSpecShape, [...parsePath(tpl.path)], errors);
  for (const e of errors)
    out.push(
      diag(file, loc, e.steps, 'error', `${label}: ${formatPath(e.steps)}: ${e.message}; object skipped`),
    );
  if (errors.length > 0) return null;
  if (!KnownKinds.has(kind))
    out.push(diag(file, loc, [], 'warning', `${label}: unknown kind ${kind} (kept, not checked)`));
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

function collect(value: unknown, loc: Loc, file: string, out: LoadResult): void {
  if (!isRecord(value)) {
    out.diagnostics.push(diag(file, loc, [], 'error', 'document is not a mapping; skipped'));
    return;
  }
  const kind = value.kind;
  if (typeof kind === 'string' && isListKind(kind) && Array.isArray(value.items)) {
    value.items.forEach((item, i) =>
      collect(withListDefaults(item, kind, value.apiVersion), loc.at(['items', i]), file, out),
    );
    return;
  }
  const obj = toObject(value, loc, file, out.diagnostics);
  if (obj) out.objects.push(obj);
}

/** Parses multi-document YAML or JSON text. Every problem becomes a diagnostic and the other documents still load. */
export function parseManifestText(
  text: string,
  file: string,
  out: LoadResult = { objects: [], diagnostics: [] },
): LoadResult {
  const fast = fastParse(text);
  if (fast !== null) {
    for (const d of fast.docs)
      if (d.value !== null && d.value !== undefined)
        collect(d.value, new TableLoc(fast.table, d.node, d.value), file, out);
    return out;
  }
  return parseExact(text, file, out);
}

/** The `yaml` library's path: slower, but it reports every syntax problem and keeps the other documents. */
export function parseExact(text: string, file: string, out: LoadResult): LoadResult {
  const lc = new LineCounter();
  // logLevel 'error': the library's own warnings (a collection used as a map key …) would go to the
  // console through process.emitWarning; they are reported here as diagnostics instead.
  const docs = parseAllDocuments(text, {
    lineCounter: lc,
    prettyErrors: true,
    uniqueKeys: true,
    logLevel: 'error',
  });
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
    const loc = new NodeLoc(lc, doc.contents);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      out.diagnostics.push(
        diag(file, loc, [], 'error', `YAML: ${err instanceof Error ? err.message : String(err)}`),
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    collect(value, loc, file, out);
  }
  return out;
}
