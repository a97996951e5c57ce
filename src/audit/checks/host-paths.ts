import type { PodView } from '../pss/types.js';
import { at, list, rec } from './util.js';

export interface HostPathVolume {
  index: number;
  name: string;
  /** Normalized: no trailing slash (except `/`), no repeated slashes. */
  path: string;
  volumePath: string;
  /** JSON paths of the volumeMounts that use it. */
  mounts: string[];
}

export function normalizeHostPath(p: string): string {
  const n = p.replace(/\/+/g, '/').replace(/\/$/, '');
  return n === '' ? '/' : n;
}

/** hostPath volumes of a pod with the container mounts that use each. */
export function hostPathVolumes(pod: PodView): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  list(pod.spec.volumes).forEach((vol, index) => {
    const v = rec(vol);
    const hp = rec(v.hostPath);
    if (typeof hp.path !== 'string') return;
    const name = String(v.name);
    const mounts: string[] = [];
    for (const c of pod.containers)
      list(c.c.volumeMounts).forEach((m, i) => {
        if (rec(m).name === name) mounts.push(at(c.path, `volumeMounts[${i}]`));
      });
    out.push({
      index,
      name,
      path: normalizeHostPath(hp.path),
      volumePath: at(pod.specPath, `volumes[${index}]`),
      mounts,
    });
  });
  return out;
}

/** True when `path` is `base` or below it. */
export function under(path: string, base: string): boolean {
  return path === base || (base === '/' ? false : path.startsWith(base + '/'));
}
