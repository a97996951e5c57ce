/** Manifest loading for reachability: the shared loader, plus kind-less List items filled in. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifests, type ManifestSource } from '../../k8s/load.js';
import type { LoadResult } from '../../k8s/parse.js';
import { fillListItemKinds } from './list-items.js';

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) =>
      e.isDirectory()
        ? files(join(path, e.name))
        : /\.(ya?ml|json)$/i.test(e.name)
          ? [join(path, e.name)]
          : [],
    );
}

export function loadReachManifests(paths: readonly string[]): LoadResult {
  const sources: ManifestSource[] = [];
  for (const p of paths) {
    let list: string[];
    try {
      list = p === '-' ? [] : files(p);
    } catch {
      sources.push({ path: p }); // the loader reports the I/O error
      continue;
    }
    if (p === '-') sources.push({ path: p });
    for (const f of list) {
      let text: string | null = null;
      try {
        text = fillListItemKinds(readFileSync(f, 'utf8'));
      } catch {
        text = null;
      }
      sources.push(text === null ? { path: f } : { text, name: f });
    }
  }
  return loadManifests(sources);
}
