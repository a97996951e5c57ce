/**
 * API list responses (`PodList`, `NamespaceList` …) omit `kind`/`apiVersion` in their items. The shared
 * loader skips such items, so reachability inputs saved with `kubectl get -o json` would lose every pod;
 * this fills them in (the item kind is the list kind without `List`). Returns null when nothing changes.
 */
import { parseAllDocuments } from 'yaml';

const ITEM_LIST = /^(\w+)List$/;

function fill(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  const m = typeof d['kind'] === 'string' ? ITEM_LIST.exec(d['kind']) : null;
  if (m === null || !Array.isArray(d['items'])) return false;
  let changed = false;
  for (const item of d['items'] as unknown[]) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const it = item as Record<string, unknown>;
    if (typeof it['kind'] === 'string') {
      changed = fill(it) || changed;
      continue;
    }
    if (m[1] === undefined || m[1] === '') continue;
    it['kind'] = m[1];
    it['apiVersion'] ??= d['apiVersion'];
    changed = true;
  }
  return changed;
}

export function fillListItemKinds(text: string): string | null {
  if (!/List/.test(text)) return null;
  let docs: unknown[];
  try {
    // Problems are reported by the exact parser that reads the result; nothing goes to the console here.
    docs = parseAllDocuments(text, { logLevel: 'silent' })
      .filter((d) => d.errors.length === 0)
      .map((d) => d.toJSON() as unknown);
  } catch {
    return null;
  }
  let changed = false;
  for (const d of docs) changed = fill(d) || changed;
  if (!changed) return null;
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}
