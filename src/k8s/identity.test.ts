import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalIp, identityFields, identityFromFile, liveIdentity } from './identity.js';

/** Shaped like `kubectl get pods -A -o yaml` (trimmed): a typed PodList whose items carry no kind. */
const POD_LIST = `apiVersion: v1
kind: PodList
metadata:
  resourceVersion: "48211"
items:
- metadata:
    name: web-7d4b9c-x2x9q
    namespace: shop
  spec:
    nodeName: node-a
    containers: [{name: web, image: nginx:1.27}]
  status:
    phase: Running
    podIP: 10.244.1.17
    podIPs:
    - ip: 10.244.1.17
    - ip: fd00:10:244:1:0:0:0:11
- metadata:
    name: db-0
    namespace: shop
  spec:
    nodeName: node-b
    containers: [{name: db, image: postgres:16}]
  status:
    phase: Running
    podIP: 10.244.2.5
- metadata:
    name: kube-proxy-abcde
    namespace: kube-system
  spec:
    hostNetwork: true
    nodeName: node-a
    containers: [{name: kube-proxy, image: kube-proxy:v1.31}]
  status:
    phase: Running
    podIP: 192.168.56.10
- metadata:
    name: job-done-xyz
    namespace: batch
  spec:
    nodeName: node-a
    containers: [{name: job, image: busybox}]
  status:
    phase: Succeeded
    podIP: 10.244.1.99
- metadata:
    name: pending-1
  spec:
    containers: [{name: app, image: busybox}]
  status:
    phase: Pending
- metadata:
    name: reused-ip
    namespace: other
  spec:
    nodeName: node-b
    containers: [{name: app, image: busybox}]
  status:
    phase: Running
    podIP: 10.244.2.5
`;

function load() {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pods-'));
  const file = join(dir, 'pods.yaml');
  writeFileSync(file, POD_LIST);
  return identityFromFile(file);
}

describe('pod identity from a recorded PodList', () => {
  it('maps every pod address, IPv4 and IPv6, to pod, namespace and node', () => {
    const { map, diagnostics } = load();
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(map.lookup('10.244.1.17')).toEqual({ pod: 'web-7d4b9c-x2x9q', namespace: 'shop', node: 'node-a' });
    // The status spells the address long-hand; alerts print RFC 5952's short form.
    expect(map.lookup('fd00:10:244:1::11')).toEqual({
      pod: 'web-7d4b9c-x2x9q',
      namespace: 'shop',
      node: 'node-a',
    });
    expect(map.lookup('10.244.2.5')?.pod).toBe('db-0');
  });

  it('leaves out host-network pods, finished pods and pods without an address', () => {
    const { map } = load();
    expect(map.lookup('192.168.56.10')).toBeUndefined();
    expect(map.lookup('10.244.1.99')).toBeUndefined();
    expect(map.size).toBe(3);
  });

  it('keeps the first pod listed for an address claimed twice, and counts the conflict', () => {
    const { map } = load();
    expect(map.lookup('10.244.2.5')?.namespace).toBe('shop');
    expect(map.conflicts).toBe(1);
  });

  it('gives alerts src/dst pod and namespace for the addresses it knows', () => {
    const { map } = load();
    expect(identityFields(map, '10.244.1.17', '10.244.2.5')).toEqual({
      src_pod: 'web-7d4b9c-x2x9q',
      src_ns: 'shop',
      dst_pod: 'db-0',
      dst_ns: 'shop',
    });
    expect(identityFields(map, '8.8.8.8', '10.244.2.5')).toEqual({ dst_pod: 'db-0', dst_ns: 'shop' });
  });

  it('writes IPv6 addresses in one canonical form', () => {
    expect(canonicalIp('FD00:0:0:0:0:0:0:1')).toBe('fd00::1');
    expect(canonicalIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIp('10.0.0.1')).toBe('10.0.0.1');
  });
});

describe('pod identity from a live cluster', () => {
  it('lists Pods through the Kubernetes client and maps their addresses', async () => {
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'PodList',
          apiVersion: 'v1',
          metadata: {},
          items: [
            {
              metadata: { name: 'api-1', namespace: 'prod' },
              spec: { nodeName: 'node-7', containers: [{ name: 'api', image: 'api:1' }] },
              status: { phase: 'Running', podIP: '10.1.7.3', podIPs: [{ ip: '10.1.7.3' }] },
            },
          ],
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [
          {
            name: 'c',
            server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            skipTLSVerify: true,
          },
        ],
        users: [{ name: 'u', token: 't' }],
        contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
        currentContext: 'c',
      });
      const map = await liveIdentity(kc);
      expect(map.lookup('10.1.7.3')).toEqual({ pod: 'api-1', namespace: 'prod', node: 'node-7' });
      expect(paths.every((p) => p.startsWith('/api/v1/pods'))).toBe(true); // pods only: get/list on pods is enough
    } finally {
      server.close();
    }
  });
});
