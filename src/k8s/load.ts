import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/errors.js';
import { parseManifestText, type LoadResult } from './parse.js';

/** A file or directory (`path`, `-` for stdin), or text already in memory (`text`, shown as `name`). */
export interface ManifestSource {
  path?: string;
  text?: string;
  name?: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Manifest files under a directory, recursively, in a stable (sorted) order. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile() && MANIFEST_FILE.test(e.name)) out.push(p);
  }
  return out;
}

function ioError(file: string, err: unknown): Diagnostic {
  const why = err instanceof Error ? err.message : String(err);
  return { file, line: 1, col: 1, severity: 'error', message: `cannot read: ${why}` };
}

function loadPath(path: string, out: LoadResult): void {
  if (path === '-') {
    parseManifestText(readFileSync(0, 'utf8'), '<stdin>', out);
    return;
  }
  let files: string[];
  try {
    files = statSync(path).isDirectory() ? filesUnder(path) : [path];
  } catch (err) {
    out.diagnostics.push(ioError(path, err));
    return;
  }
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (err) {
      out.diagnostics.push(ioError(f, err));
      continue;
    }
    parseManifestText(text, f, out);
  }
}

/**
 * Loads Kubernetes objects from files, directories (recursively: *.yaml, *.yml, *.json), stdin (`-`) and
 * in-memory text. Multi-document YAML and `List` kinds are flattened. Problems are diagnostics with
 * file:line:col; everything else still loads.
 */
export function loadManifests(sources: readonly ManifestSource[]): LoadResult {
  const out: LoadResult = { objects: [], diagnostics: [] };
  for (const s of sources) {
    if (s.text !== undefined) parseManifestText(s.text, s.name ?? s.path ?? '<text>', out);
    else if (s.path !== undefined) loadPath(s.path, out);
  }
  return out;
}
