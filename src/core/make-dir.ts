import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** The path and its missing ancestors, outermost first. */
function chain(dir: string): string[] {
  const out: string[] = [];
  for (let p = resolve(dir); ; p = dirname(p)) {
    out.unshift(p);
    if (dirname(p) === p) return out;
  }
}

/** EEXIST on a directory is success; on anything else it is ENOTDIR for the path asked for (as Node says it). */
function check(e: unknown, isDir: boolean, dir: string): void {
  if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  if (isDir) return;
  throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), {
    code: 'ENOTDIR',
    syscall: 'mkdir',
    path: dir,
  });
}

/**
 * `mkdir -p`, one level at a time. Node's `{ recursive: true }` never returns where the kernel answers ENOENT
 * for a path whose parent exists (under /proc, for one): here that is an error like any other.
 */
export function makeDirSync(dir: string, mode?: number): void {
  for (const p of chain(dir)) {
    try {
      mkdirSync(p, mode === undefined ? undefined : { mode });
    } catch (e) {
      check(e, (e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(p).isDirectory(), dir);
    }
  }
}

/** The same, asynchronously. */
export async function makeDir(dir: string, mode?: number): Promise<void> {
  for (const p of chain(dir)) {
    try {
      await mkdir(p, mode === undefined ? undefined : { mode });
    } catch (e) {
      const st = (e as NodeJS.ErrnoException).code === 'EEXIST' ? await stat(p).catch(() => null) : null;
      check(e, st !== null && st.isDirectory(), dir);
    }
  }
}
