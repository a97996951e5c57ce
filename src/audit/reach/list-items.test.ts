import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fillListItemKinds } from './list-items.js';

describe('fillListItemKinds', () => {
  let warnings: unknown[] = [];
  const onWarning = (w: unknown) => warnings.push(w);
  beforeEach(() => {
    warnings = [];
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
    vi.restoreAllMocks();
  });

  it('fills item kinds of typed lists', () => {
    const out = fillListItemKinds('apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: p}\n');
    expect(out).not.toBeNull();
    expect(JSON.parse(out!)).toMatchObject({ items: [{ kind: 'Pod', apiVersion: 'v1' }] });
  });

  it('leaves broken documents to the exact parser, and prints nothing to the console', async () => {
    const emit = vi.spyOn(process, 'emitWarning');
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- kind: Pod',
      '  spec:',
      '    ? [a, b]', // a collection as a map key: the yaml library would warn on the console
      '    : c',
      '---',
      'kind: PodList',
      'items: [ {',
    ].join('\n');
    expect(() => fillListItemKinds(text)).not.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(emit).not.toHaveBeenCalled();
    expect(warnings).toEqual([]);
  });
});
