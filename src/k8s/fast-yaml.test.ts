import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fastParse } from './fast-yaml.js';
import { parseExact, parseManifestText, type LoadResult } from './parse.js';
import { formatPath, type PathStep } from './path.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../test/fixtures/audit');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? files(p) : /\.(ya?ml|json)$/.test(e) ? [p] : [];
    });
}

/** Every field path of a value (bounded, to keep the test quick on large manifests). */
function paths(v: unknown, prefix: PathStep[] = [], out: PathStep[][] = []): PathStep[][] {
  if (out.length > 400) return out;
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

describe('fast manifest parsing agrees with the exact path', () => {
  const all = files(fixtures);
  it('covers the fixtures, most of them on the fast path', () => {
    const fast = all.filter((f) => fastParse(readFileSync(f, 'utf8')) !== null).length;
    expect(all.length).toBeGreaterThan(900);
    expect(fast / all.length).toBeGreaterThan(0.9);
  });
  it('gives the same objects, diagnostics, lines and field lines on every fixture', () => {
    let checked = 0;
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      if (fastParse(text) === null) continue;
      const a = parseManifestText(text, f);
      const b: LoadResult = parseExact(text, f, { objects: [], diagnostics: [] });
      expect(a.diagnostics).toEqual(b.diagnostics);
      expect(a.objects.map((o) => [o.raw, o.source.line])).toEqual(
        b.objects.map((o) => [o.raw, o.source.line]),
      );
      a.objects.forEach((o, i) => {
        for (const p of paths(o.raw)) {
          const path = formatPath(p);
          expect([f, path, o.source.locate?.(path)]).toEqual([f, path, b.objects[i]!.source.locate?.(path)]);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(10_000);
  });
  it('places empty values, nulls, comments, quoted keys and flow collections as the exact path does', () => {
    const text =
      '# c\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    "a.b/c": x\n  labels:\nspec:\n' +
      '  nodeName: ~\n  # comment\n  containers: [{name: c, image: i,\n    ports: [{containerPort: 80}]}]\n  volumes:\n  - name: v\n    emptyDir:\n';
    const a = parseManifestText(text, 't.yaml').objects[0]!;
    const b = parseExact(text, 't.yaml', { objects: [], diagnostics: [] }).objects[0]!;
    expect(fastParse(text)).not.toBeNull();
    for (const p of paths(b.raw)) {
      const path = formatPath(p);
      expect([path, a.source.locate?.(path)]).toEqual([path, b.source.locate?.(path)]);
    }
    expect(a.source.locate?.('metadata.labels')).toBe(9);
  });
  it('leaves anchors, tags and syntax errors to the exact path', () => {
    expect(fastParse('a: &x 1\nb: *x\n')).toBeNull();
    expect(fastParse('a: !Ref x\n')).toBeNull();
    expect(fastParse('%YAML 1.1\n---\na: yes\n')).toBeNull();
    expect(fastParse('command: [sh, -c, "a && b"]\n')).not.toBeNull();
    expect(fastParse('a: [1\n')).toBeNull();
    expect(fastParse('a: 1\na: 2\n')).toBeNull();
    expect(fastParse('a: 1\n---\nb: [x, {c: d}]\n')?.docs.map((d) => d.value)).toEqual([
      { a: 1 },
      { b: ['x', { c: 'd' }] },
    ]);
  });
});
