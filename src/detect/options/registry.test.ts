import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupOption, optionHelp, Options } from './registry.js';

// Options the rule parser moves into Rule fields (never reach detect/).
const METADATA = new Set([
  'rev',
  'sid',
  'metadata',
  'classtype',
  'msg',
  'reference',
  'service',
  'gid',
  'priority',
]);

describe('option registry', () => {
  it('covers every option of the Snort 3 community ruleset', () => {
    const tsv = readFileSync(
      new URL('../../../../shared/corpus/nids/rules/snort3-community/option-counts.tsv', import.meta.url),
      'latin1',
    );
    const names = tsv
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#') && !l.includes('.'))
      .map((l) => l.split('\t')[0]!);
    expect(names.length).toBeGreaterThan(40);
    const missing = names.filter((n) => !METADATA.has(n) && lookupOption(n) === undefined);
    expect(missing).toEqual([]);
  });

  it('each spec is registered under its own name and documents its parameters', () => {
    for (const [name, spec] of Object.entries(Options)) {
      expect(spec.name).toBe(name);
      expect(spec.help.length).toBeGreaterThan(3);
    }
    expect(optionHelp('byte_test')).toMatch(/~count \{1:10\}/);
    expect(optionHelp('nope')).toBeNull();
  });
});
