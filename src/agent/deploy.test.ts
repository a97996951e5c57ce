import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IGNORE_ANNOTATION } from '../audit/ignore.js';
import { runAudit } from '../audit/run.js';
import { loadManifests } from '../k8s/load.js';
import { podTemplateOf } from '../k8s/pod-template.js';

const DEPLOY = join(import.meta.dirname, '..', '..', 'deploy');

describe('deploy/ manifests', () => {
  const loaded = loadManifests([{ path: DEPLOY }]);
  const byKind = (kind: string) => loaded.objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);

  it('load without problems and hold the agent, its RBAC and the server', () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(byKind('DaemonSet')).toEqual(['vigil-agent']);
    expect(byKind('Deployment')).toEqual(['vigil-server']);
    expect(byKind('Service')).toEqual(['vigil-server']);
    expect(byKind('ClusterRole')).toEqual(['vigil-agent']);
    expect(byKind('Secret').sort()).toEqual(['vigil-agent-token', 'vigil-database', 'vigil-tokens']);
    const role = loaded.objects.find((o) => o.kind === 'ClusterRole')!;
    expect(role.raw['rules']).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
    ]);
  });

  it('run the agent on the host network with capture capabilities and read-only host /proc and /sys', () => {
    const ds = loaded.objects.find((o) => o.kind === 'DaemonSet')!;
    const spec = podTemplateOf(ds)!.spec as Record<string, unknown> & {
      containers: {
        securityContext: { capabilities: { add: string[] } };
        env: { name: string; value?: string }[];
        volumeMounts: { name: string; readOnly?: boolean }[];
      }[];
    };
    expect(spec['hostNetwork']).toBe(true);
    expect(spec['hostPID']).toBeUndefined(); // the features need the host's /proc files, not its processes
    const c = spec.containers[0]!;
    expect(c.securityContext.capabilities.add).toEqual(expect.arrayContaining(['NET_RAW', 'NET_ADMIN']));
    expect(c.env.find((e) => e.name === 'HOST_PROC')?.value).toBe('/host/proc');
    expect(c.env.find((e) => e.name === 'HOST_SYS')?.value).toBe('/host/sys');
    for (const v of ['proc', 'sys']) expect(c.volumeMounts.find((m) => m.name === v)?.readOnly).toBe(true);
    expect(spec['tolerations']).toEqual([{ operator: 'Exists' }]);
  });

  it('give vigil audit nothing to report but the findings each workload annotates as accepted', () => {
    const r = runAudit(loaded.objects);
    expect(r.findings.map((f) => `${f.id} ${f.object.kind}/${f.object.name} ${f.path}`)).toEqual([]);
    const annotated: Record<string, string[]> = {};
    for (const o of loaded.objects) {
      const ann = podTemplateOf(o)?.metadata?.['annotations'] as Record<string, string> | undefined;
      const v = ann?.[IGNORE_ANNOTATION];
      if (v !== undefined)
        annotated[o.metadata.name] = v
          .split(',')
          .map((s) => s.trim())
          .sort();
    }
    expect(Object.keys(annotated).sort()).toEqual(['vigil-agent', 'vigil-server']);
    // Every accepted id is one that fires on that workload: no stale exceptions.
    const ignored: Record<string, string[]> = {};
    for (const f of r.ignored) (ignored[f.object.name] ??= []).push(f.id);
    for (const k of Object.keys(ignored)) ignored[k] = [...new Set(ignored[k])].sort();
    expect(ignored).toEqual(annotated);
  });
});
