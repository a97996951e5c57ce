import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveToken } from '../core/token-file.js';
import { ensureToken } from './up.js';

describe('vigil up token', () => {
  it('is created once, 32 random bytes in hex, mode 0600, and reused after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-token-'));
    const a = ensureToken(dir);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'token')).mode & 0o777).toBe(0o600);
    expect(ensureToken(dir)).toBe(a);
    expect(ensureToken(mkdtempSync(join(tmpdir(), 'vigil-token-')))).not.toBe(a);
  });

  it('refuses an empty token file rather than run without a token', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-token-'));
    writeFileSync(join(dir, 'token'), '\n');
    expect(() => ensureToken(dir)).toThrow(/is empty/);
  });
});

describe('agent token', () => {
  it('comes from --token, else the first line of --token-file that is not a comment, else VIGIL_TOKEN', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-token-')), 't');
    writeFileSync(file, '# the agent token\n\n  s3cret  \nother\n');
    expect(resolveToken('flag', file, 'env')).toBe('flag');
    expect(resolveToken(undefined, file, 'env')).toBe('s3cret');
    expect(resolveToken(undefined, undefined, 'env')).toBe('env');
    expect(() => resolveToken(undefined, undefined, undefined)).toThrow(/no token/);
    expect(() => resolveToken(undefined, `${file}.missing`, 'env')).toThrow(/cannot read token file/);
  });
});
