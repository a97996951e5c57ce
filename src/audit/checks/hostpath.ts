import type { Hit, PostureCheck } from '../check.js';
import { hostPathVolumes, under } from './host-paths.js';
import { isRuntimeSocketPath } from './runtime-socket.js';

/** Host paths whose exposure gives node credentials, kernel interfaces or the whole filesystem. */
const Sensitive = [
  '/etc',
  '/proc',
  '/sys',
  '/dev',
  '/boot',
  '/root',
  '/home',
  '/var/lib/kubelet',
  '/var/lib/etcd',
  '/var/lib/containerd',
  '/var/lib/docker',
  '/var/log',
  '/lib/modules',
];

const CloudCredentials: Record<string, string[]> = {
  eks: ['/.aws'],
  aks: ['/etc/kubernetes/azure.json', '/.azure'],
  gke: ['/.config/gcloud', '/gcloud'],
};

/** Directories that are sensitive as a whole (they contain the above, or the runtime sockets). */
const SensitiveExact = new Set([
  '/',
  '/var',
  '/run',
  '/var/run',
  '/var/lib',
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
]);

function sensitive(path: string, provider: string): boolean {
  if (SensitiveExact.has(path)) return true;
  return [...Sensitive, ...(CloudCredentials[provider] ?? [])].some((s) => under(path, s));
}

export const sensitiveHostPath: PostureCheck = {
  id: 'sensitive-hostpath',
  topic: 'hostpath',
  severity: 'high',
  subtopics: [],
  remediation: 'Do not mount host system directories; use a ConfigMap, Secret, emptyDir or a CSI volume.',
  run(_obj, pod, ctx) {
    const hits: Hit[] = [];
    for (const v of pod ? hostPathVolumes(pod) : [])
      if (sensitive(v.path, ctx.params.cloudProvider))
        hits.push({
          path: v.volumePath,
          message: `hostPath volume "${v.name}" mounts the sensitive host path ${v.path}`,
        });
    return hits;
  },
};

export const hostPathVolume: PostureCheck = {
  id: 'hostpath-volume',
  topic: 'hostpath',
  severity: 'medium',
  subtopics: ['hostpath-any'],
  remediation:
    'Avoid hostPath volumes; if one is unavoidable, mount it readOnly and as narrow a path as possible.',
  run(_obj, pod, ctx) {
    const hits: Hit[] = [];
    for (const v of pod ? hostPathVolumes(pod) : [])
      if (!isRuntimeSocketPath(v.path) && !sensitive(v.path, ctx.params.cloudProvider))
        hits.push({
          path: v.volumePath,
          message: `hostPath volume "${v.name}" mounts ${v.path} from the node`,
        });
    return hits;
  },
};

export const hostPathWritable: PostureCheck = {
  id: 'hostpath-writable',
  topic: 'hostpath',
  severity: 'medium',
  subtopics: ['hostpath-writable'],
  remediation: 'Mount the hostPath volume with readOnly: true.',
  run(_obj, pod) {
    const hits: Hit[] = [];
    if (!pod) return hits;
    const names = new Set(hostPathVolumes(pod).map((v) => v.name));
    for (const c of pod.containers) {
      if (c.path.includes('ephemeralContainers')) continue;
      (Array.isArray(c.c.volumeMounts) ? c.c.volumeMounts : []).forEach((m: unknown, i: number) => {
        const mount = typeof m === 'object' && m !== null ? (m as Record<string, unknown>) : {};
        if (names.has(String(mount.name)) && mount.readOnly !== true)
          hits.push({
            path: `${c.path}.volumeMounts[${i}].readOnly`,
            message: `container "${c.name}" mounts hostPath volume "${String(mount.name)}" writable`,
          });
      });
    }
    return hits;
  },
};
