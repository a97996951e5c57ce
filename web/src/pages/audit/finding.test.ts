import { describe, expect, it } from 'vitest';
import { normalizeFinding } from './finding.js';

describe('normalizeFinding', () => {
  it('keeps a well-formed finding and fills gaps with empty text', () => {
    expect(
      normalizeFinding({ id: 'x', severity: 'HIGH', object: { kind: 'Pod', name: 'p' }, path: 'spec' }),
    ).toEqual({
      id: 'x',
      topic: '',
      severity: 'high',
      object: { kind: 'Pod', namespace: '', name: 'p' },
      path: 'spec',
      message: '',
      remediation: '',
    });
    expect(normalizeFinding(null).severity).toBe('unknown');
  });
});
