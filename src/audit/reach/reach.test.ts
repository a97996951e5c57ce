import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../k8s/parse.js';
import { analyzeReach } from './analyze.js';
import { formatConnlistTxt } from './format-txt.js';

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
});

describe('Ingress and Route analysis', () => {
  const app = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\nspec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080, name: http}, {containerPort: 9090}]}]}}}\n`;
  const svc = `---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: a}\nspec: {selector: {app: web}, ports: [{name: main, port: 80, targetPort: http}, {name: admin, port: 90, targetPort: 9090}]}\n`;
  const ingress = (port: string) =>
    `---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: in, namespace: a}\nspec: {rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: ${port}}}}]}}]}\n`;
  const route = (port: string) =>
    `---\napiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: r, namespace: a}\nspec: {to: {kind: Service, name: web}${port}}\n`;
  const ctrl = (text: string) =>
    formatConnlistTxt(analyzeReach(parseManifestText(text, 't.yaml').objects).connections)
      .split('\n')
      .filter((l) => l.startsWith('{ingress-controller}'));
  it('follows the Service port (by name or number) to the container port it targets', () => {
    expect(ctrl(app + svc + ingress('{name: main}'))).toEqual([
      '{ingress-controller} => a/web[Deployment] : TCP 8080',
    ]);
    expect(ctrl(app + svc + ingress('{number: 90}'))).toEqual([
      '{ingress-controller} => a/web[Deployment] : TCP 9090',
    ]);
    // A Route without a port reaches every Service port; with a targetPort name, the Service port targeting it.
    expect(ctrl(app + svc + route(''))).toEqual([
      '{ingress-controller} => a/web[Deployment] : TCP 8080,9090',
    ]);
    expect(ctrl(app + svc + route(', port: {targetPort: http}'))).toEqual([
      '{ingress-controller} => a/web[Deployment] : TCP 8080',
    ]);
    // An Ingress names a Service port by its name only, not by the target's name.
    expect(ctrl(app + svc + ingress('{name: http}'))).toEqual([]);
    expect(ctrl(app + ingress('{name: main}'))).toEqual([]);
  });
  it('is limited by the NetworkPolicies of the destination', () => {
    const pol = (from: string) =>
      `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec: {podSelector: {}, ingress: [{from: [${from}], ports: [{port: 8080}]}]}\n`;
    expect(ctrl(app + svc + route('') + pol('{podSelector: {}}'))).toEqual([]);
    expect(ctrl(app + svc + route('') + pol('{namespaceSelector: {}}'))).toEqual([
      '{ingress-controller} => a/web[Deployment] : TCP 8080',
    ]);
  });
});
