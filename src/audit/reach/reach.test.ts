import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../k8s/parse.js';
import { analyzeReach, buildIndex } from './analyze.js';
import { formatConnlistTxt } from './format-txt.js';
import { generateCluster } from './generate.js';
import { connectionList } from './connlist.js';
import { summarize } from './summary.js';

const NS = `apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {team: x}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n`;
const pod = (ns: string, name: string, labels: string, ports = '[{containerPort: 80, name: web}]') =>
  `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: ${labels}}\nspec: {containers: [{name: c, image: i, ports: ${ports}}]}\n`;
const PODS = NS + pod('a', 'web', '{app: web}') + pod('a', 'db', '{app: db}') + pod('b', 'cli', '{app: cli}');
const run = (policies: string) =>
  formatConnlistTxt(analyzeReach(parseManifestText(PODS + policies, 't.yaml').objects).connections);
const lines = (policies: string) =>
  run(policies)
    .split('\n')
    .filter((l) => !l.includes('[External]') && l !== '');

describe('NetworkPolicy semantics', () => {
  it('no policy: everything connects', () => {
    expect(lines('')).toHaveLength(6);
  });
  it('default deny ingress isolates the selected pods only', () => {
    const l = lines(
      `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\nspec: {podSelector: {matchLabels: {app: db}}}\n`,
    );
    expect(l.some((x) => x.includes('=> a/db[Pod]'))).toBe(false);
    expect(l).toContain('a/db[Pod] => a/web[Pod] : All Connections');
  });
  it('podSelector alone means the policy namespace; with namespaceSelector it is AND', () => {
    const p = (from: string) =>
      lines(
        `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec: {podSelector: {matchLabels: {app: db}}, ingress: [{from: [${from}]}]}\n`,
      ).filter((x) => x.includes('=> a/db'));
    expect(p('{podSelector: {matchLabels: {app: cli}}}')).toEqual([]);
    expect(p('{namespaceSelector: {}, podSelector: {matchLabels: {app: cli}}}')).toEqual([
      'b/cli[Pod] => a/db[Pod] : All Connections',
    ]);
    expect(p('{namespaceSelector: {matchExpressions: [{key: team, operator: Exists}]}}')).toEqual([
      'a/web[Pod] => a/db[Pod] : All Connections',
    ]);
    expect(p('{namespaceSelector: {matchExpressions: [{key: team, operator: NotIn, values: [x]}]}}')).toEqual(
      ['b/cli[Pod] => a/db[Pod] : All Connections'],
    );
  });
  it('named ports resolve on the destination pod; endPort makes a range', () => {
    const p = (ports: string) =>
      lines(
        `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec: {podSelector: {}, ingress: [{ports: ${ports}}]}\n`,
      ).find((x) => x.startsWith('b/cli[Pod] => a/db'));
    expect(p('[{port: web}]')).toBe('b/cli[Pod] => a/db[Pod] : TCP 80');
    expect(p('[{port: 1000, endPort: 2000, protocol: SCTP}, {port: 53, protocol: UDP}]')).toBe(
      'b/cli[Pod] => a/db[Pod] : SCTP 1000-2000,UDP 53',
    );
  });
  it('egress and ingress must both allow', () => {
    const l = lines(
      `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: e, namespace: b}\nspec: {podSelector: {}, egress: [{ports: [{port: 80}, {port: 443}]}]}\n` +
        `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: i, namespace: a}\nspec: {podSelector: {}, ingress: [{ports: [{port: 443}, {port: 8443}]}]}\n`,
    );
    expect(l).toContain('b/cli[Pod] => a/web[Pod] : TCP 443');
  });
  it('ipBlock with except splits the address space', () => {
    const out = run(
      `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress], ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]}\n`,
    );
    expect(out).toContain('10.0.0.0-10.0.255.255[External] => a/db[Pod] : All Connections');
    expect(out).toContain('10.2.0.0-10.255.255.255[External] => a/db[Pod] : All Connections');
    expect(out).not.toContain('10.1.0.0-10.1.255.255[External] => a/db');
  });
  it('summary over-approximates the pairwise engine (ports are not split)', () => {
    const index = buildIndex(generateCluster(12, 4, 3, 3), []);
    const pairs = connectionList(index).filter(
      (c) => c.src.ep.kind === 'pod' && c.dst.ep.kind === 'pod',
    ).length;
    expect(summarize(index).connectedPairs).toBeGreaterThanOrEqual(pairs);
    expect(pairs).toBeGreaterThan(0);
  });
});
