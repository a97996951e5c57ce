import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * Vigil's package root (the folder whose package.json is named `vigil`), found from this file whether it
 * runs from src/ or from dist/src/; the bundled rules, web/dist and native/ live there.
 */
export function packageRoot(): string {
  if (cached !== null) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'vigil')
      return (cached = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the package root (a package.json named vigil)');
    dir = up;
  }
}
