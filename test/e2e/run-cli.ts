import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the built `vigil` binary (the test script builds first). */
export function vigil(args: string[], opts: { input?: string; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'vigil.js'), ...args], {
    encoding: 'utf8',
    input: opts.input,
    timeout: opts.timeoutMs ?? 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function jsonLines(s: string): Record<string, unknown>[] {
  return s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Run `vigil` with `file` arriving on a pipe (`cat FILE | vigil …`): give `-r /dev/stdin` in `args`. */
export function vigilPiped(file: string, args: string[]): CliResult {
  const r = spawnSync(
    'sh',
    [
      '-c',
      'f=$1; shift; cat "$f" | "$@"',
      'sh',
      file,
      process.execPath,
      join(ROOT, 'bin', 'vigil.js'),
      ...args,
    ],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 },
  );
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
