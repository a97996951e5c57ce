import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests } from './load.js';
import { parseManifestText } from './parse.js';
import { podTemplateOf } from './pod-template.js';

const multiDoc = `apiVersion: v1
kind: Pod
metadata:
  name: a
  namespace: ns1
  labels: {app: a}
spec:
  containers:
  - name: c
    image: nginx
---
# a comment-only document is skipped
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - name: c
        image: nginx
`;

describe('parseManifestText', () => {
  it('reads multi-document YAML with the line of each object', () => {
    const r = parseManifestText(multiDoc, 'm.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.objects.map((o) => [o.kind, o.metadata.name, o.metadata.namespace, o.source.line])).toEqual([
      ['Pod', 'a', 'ns1', 1],
      ['Deployment', 'd', undefined, 14],
    ]);
    expect(r.objects[0]?.metadata.labels).toEqual({ app: 'a' });
    expect(r.objects[1]?.source.locate?.('spec.template.spec.containers[0].image')).toBe(23);
  });

  it('flattens List kinds, JSON included, keeping each item line', () => {
    const json =
      '{"apiVersion":"v1","kind":"List","items":[\n{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p1"}},\n{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"}}]}';
    const r = parseManifestText(json, 'l.json');
    expect(r.objects.map((o) => [o.kind, o.metadata.name, o.source.line])).toEqual([
      ['Pod', 'p1', 2],
      ['Service', 's', 3],
    ]);
  });

  it('gives items of typed lists (PodList, NamespaceList) the list kind and apiVersion', () => {
    const text =
      'kind: NamespaceList\napiVersion: v1\nitems:\n- metadata: {name: a}\n- metadata: {name: b}\n  kind: Namespace\n';
    const r = parseManifestText(text, 'ns.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name} ${o.source.line}`)).toEqual([
      'v1 Namespace a 4',
      'v1 Namespace b 5',
    ]);
  });

  it('reports bad YAML, wrong types and unknown kinds with file:line and keeps the rest', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: ok}
---
apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  hostNetwork: "yes"
  containers: []
---
key: [unclosed
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
---
- just a list
---
apiVersion: v1
metadata: {name: nokind}
`;
    const r = parseManifestText(text, 'x.yaml');
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['ok', 'w']);
    const d = r.diagnostics.map((x) => `${x.line}:${x.severity}`);
    expect(d).toContain('9:error');
    expect(r.diagnostics.find((x) => x.line === 9)?.message).toMatch(/spec\.hostNetwork: expected boolean/);
    expect(
      r.diagnostics.some(
        (x) => x.severity === 'error' && x.message.startsWith('YAML') && x.line >= 12 && x.line <= 13,
      ),
    ).toBe(true);
    expect(d).toContain('14:warning');
    expect(d).toContain('18:error');
    expect(d).toContain('20:error');
  });
});

describe('loadManifests', () => {
  it('walks directories recursively for yaml, yml and json only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-k8s-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    writeFileSync(join(dir, 'sub', 'b.yml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n');
    writeFileSync(
      join(dir, 'sub', 'c.json'),
      '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"c"}}',
    );
    writeFileSync(join(dir, 'sub', 'notes.txt'), 'not a manifest');
    const r = loadManifests([
      { path: dir },
      { text: multiDoc, name: '<stdin>' },
      { path: join(dir, 'missing.yaml') },
    ]);
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['a', 'b', 'c', 'a', 'd']);
    expect(r.objects[4]?.source.file).toBe('<stdin>');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]?.message).toMatch(/cannot read/);
  });
});

describe('podTemplateOf', () => {
  const cases: [string, string][] = [
    ['Pod', 'spec'],
    ['Deployment', 'spec.template.spec'],
    ['StatefulSet', 'spec.template.spec'],
    ['DaemonSet', 'spec.template.spec'],
    ['ReplicaSet', 'spec.template.spec'],
    ['Job', 'spec.template.spec'],
    ['ReplicationController', 'spec.template.spec'],
    ['CronJob', 'spec.jobTemplate.spec.template.spec'],
    ['PodTemplate', 'template.spec'],
  ];
  it.each(cases)('finds the pod spec of a %s at %s', (kind, path) => {
    const raw: Record<string, unknown> = { apiVersion: 'v1', kind, metadata: { name: 'x' } };
    let cur = raw;
    const keys = path.split('.');
    keys.forEach((k, i) => {
      const next: Record<string, unknown> = i === keys.length - 1 ? { containers: [{ name: 'c' }] } : {};
      cur[k] = next;
      cur = next;
    });
    const r = parseManifestText(JSON.stringify(raw), 'k.json');
    const obj = r.objects[0];
    expect(obj).toBeDefined();
    const t = obj ? podTemplateOf(obj) : null;
    expect(t?.path).toBe(path);
    expect(t?.spec.containers).toEqual([{ name: 'c' }]);
  });
  it('is null for kinds without pods', () => {
    const r = parseManifestText('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {}\n', 's.yaml');
    expect(r.objects[0] && podTemplateOf(r.objects[0])).toBeNull();
  });
});
