import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeConfig, listClusterObjects } from './live.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/k8s/live');
const read = (f: string) => JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as Record<string, unknown>;
const empty = (kind: string) => ({ kind, apiVersion: 'v1', metadata: {}, items: [] });

let server: Server;
let kc: KubeConfig;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    let body: unknown = empty('List');
    if (url.pathname === '/api/v1/pods') {
      // Two pages: the client must follow metadata.continue.
      if (url.searchParams.get('continue') === 'p2') body = read('pods-page2.json');
      else body = { ...read('pods.json'), metadata: { resourceVersion: '1200', continue: 'p2' } };
    } else if (url.pathname === '/api/v1/nodes') body = read('nodes.json');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'u' }],
    currentContext: 'fake',
  });
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('listClusterObjects', () => {
  it('lists every page and gives manifest-shaped objects', async () => {
    const objs = await listClusterObjects(kc, ['Pod', 'Node', 'Deployment']);
    expect(
      objs.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`),
    ).toEqual(['v1 Pod shop/web-7d9c6b9c4-abcde', 'v1 Pod shop/db-0', 'v1 Node /node-1']);
    const web = objs[0];
    expect(web?.metadata.ownerReferences[0]).toMatchObject({
      kind: 'ReplicaSet',
      name: 'web-7d9c6b9c4',
      controller: true,
    });
    expect(
      (web?.raw.spec as { containers: { securityContext: unknown }[] }).containers[0]?.securityContext,
    ).toEqual({
      privileged: true,
    });
    expect((web?.raw.metadata as Record<string, unknown>).creationTimestamp).toBe('2025-01-02T03:04:05.000Z');
    expect(web?.source.file).toBe('cluster:Pod');
    expect(requests.filter((r) => r.startsWith('GET /api/v1/pods'))).toHaveLength(2);
    expect(requests.some((r) => r.startsWith('GET /apis/apps/v1/deployments'))).toBe(true);
    expect(requests.every((r) => r.startsWith('GET '))).toBe(true);
  });

  it('turns a refused connection into an E_IO error', async () => {
    const bad = new KubeConfig();
    bad.loadFromOptions({
      clusters: [{ name: 'c', server: 'http://127.0.0.1:1' }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
      currentContext: 'c',
    });
    await expect(listClusterObjects(bad, ['Pod'])).rejects.toMatchObject({ code: 'E_IO' });
  });
});

describe('kubeConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-kc-'));
  const file = join(dir, 'config');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c1, cluster: {server: "https://10.0.0.1:6443"}}]',
      'users: [{name: u1, user: {token: t}}]',
      'contexts: [{name: ctx1, context: {cluster: c1, user: u1}}, {name: ctx2, context: {cluster: c1, user: u1}}]',
      'current-context: ctx1',
    ].join('\n'),
  );

  it('says what is missing when there is no kubeconfig at all (instead of talking to localhost:8080)', () => {
    expect(() => kubeConfig({}, { env: {}, home: join(dir, 'nohome') })).toThrow(
      /no kubeconfig: set KUBECONFIG or create .*nohome\/\.kube\/config/,
    );
    expect(() =>
      kubeConfig({}, { env: { KUBECONFIG: join(dir, 'missing') }, home: join(dir, 'nohome') }),
    ).toThrow(/KUBECONFIG names .*missing, which does not exist/);
    expect(() => kubeConfig({ inCluster: true }, { env: {}, home: dir })).toThrow(/not running in a pod/);
  });

  it('loads KUBECONFIG and switches to a context it has; an unknown context is named with the known ones', () => {
    const old = process.env['KUBECONFIG'];
    process.env['KUBECONFIG'] = file;
    try {
      const src = { env: { KUBECONFIG: file }, home: join(dir, 'nohome') };
      expect(kubeConfig({}, src).getCurrentContext()).toBe('ctx1');
      expect(kubeConfig({ context: 'ctx2' }, src).getCurrentContext()).toBe('ctx2');
      expect(() => kubeConfig({ context: 'prod' }, src)).toThrow(
        /no context "prod" in the kubeconfig \(it has: ctx1, ctx2\)/,
      );
    } finally {
      if (old === undefined) delete process.env['KUBECONFIG'];
      else process.env['KUBECONFIG'] = old;
    }
  });
});
