import type { Hit, PostureCheck } from '../check.js';
import { hostPathVolumes, under } from './host-paths.js';

/**
 * Container runtime API endpoints: whoever reaches one can start a privileged container on the node.
 * Directories count (mounting /run/containerd exposes the socket inside), and so do /var/run and /run whole.
 */
export const RuntimeSocketDirs = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/docker',
  '/run/docker',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
  '/var/run/containerd',
  '/run/containerd',
  '/var/run/crio',
  '/run/crio',
  '/var/run/podman',
  '/run/podman',
  '/run/k3s/containerd',
  '/var/run/k3s/containerd',
  '/run/dockershim.sock',
  '/var/run/dockershim.sock',
];
const WholeRunDirs = ['/var/run', '/run', '/var'];

export function isRuntimeSocketPath(p: string): boolean {
  return WholeRunDirs.includes(p) || RuntimeSocketDirs.some((s) => under(p, s));
}

export const runtimeSocket: PostureCheck = {
  id: 'runtime-socket',
  topic: 'runtime-socket',
  severity: 'critical',
  subtopics: ['runtime-socket-hostpath'],
  remediation:
    'Do not mount the container runtime socket; use the Kubernetes API or a dedicated build service instead.',
  run(_obj, pod) {
    const hits: Hit[] = [];
    for (const v of pod ? hostPathVolumes(pod) : [])
      if (isRuntimeSocketPath(v.path))
        hits.push({
          path: v.volumePath,
          message: `hostPath volume "${v.name}" mounts the container runtime endpoint ${v.path}`,
        });
    return hits;
  },
};
