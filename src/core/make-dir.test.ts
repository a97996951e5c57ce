import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDir, makeDirSync } from './make-dir.js';

describe('makeDir / makeDirSync', () => {
  const root = mkdtempSync(join(tmpdir(), 'vigil-mkdir-'));

  it('creates missing levels, accepts existing directories, and applies the mode to what it creates', async () => {
    makeDirSync(join(root, 'a', 'b', 'c'), 0o700);
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
    expect(statSync(join(root, 'a', 'b', 'c')).mode & 0o777).toBe(0o700);
    makeDirSync(join(root, 'a', 'b'));
    await makeDir(join(root, 'x', 'y'));
    await makeDir(join(root, 'x', 'y'));
    expect(existsSync(join(root, 'x', 'y'))).toBe(true);
  });

  it('fails on a file in the way', async () => {
    writeFileSync(join(root, 'file'), '');
    expect(() => makeDirSync(join(root, 'file', 'sub'))).toThrow(/ENOTDIR/);
    await expect(makeDir(join(root, 'file', 'sub'))).rejects.toThrow(/ENOTDIR/);
  });

  it.runIf(existsSync('/proc/self'))(
    'fails, instead of looping, where the kernel refuses with ENOENT (/proc)',
    async () => {
      expect(() => makeDirSync('/proc/vigil-no/such')).toThrow(/ENOENT/);
      await expect(makeDir('/proc/vigil-no/such')).rejects.toThrow(/ENOENT/);
    },
  );
});
