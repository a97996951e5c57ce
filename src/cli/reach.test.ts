import { describe, expect, it } from 'vitest';
import { runReach } from './reach.js';

describe('vigil reach', () => {
  it('prints the connlist and reports bad input', () => {
    let out = '';
    let err = '';
    const code = runReach(
      { file: ['/nonexistent-dir'], format: 'txt' },
      (s) => (out += s),
      (s) => (err += s),
    );
    expect(code).toBe(0);
    expect(err).toContain('/nonexistent-dir');
    expect(out).toBe('');
    expect(
      runReach(
        { file: [], format: 'txt' },
        () => {},
        () => {},
      ),
    ).toBe(64);
  });
});
