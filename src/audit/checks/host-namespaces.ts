import type { PostureCheck } from '../check.js';
import { at } from './util.js';

function hostNamespace(
  field: 'hostNetwork' | 'hostPID' | 'hostIPC',
  id: string,
  subtopics: string[],
  why: string,
): PostureCheck {
  return {
    id,
    topic: 'host-namespaces',
    severity: 'high',
    subtopics,
    remediation: `Remove ${field}: true; run the workload in its own namespace.`,
    run(_obj, pod) {
      if (!pod || pod.spec[field] !== true) return [];
      return [{ path: at(pod.specPath, field), message: `${field}: true ${why}` }];
    },
  };
}

export const hostNetwork = hostNamespace(
  'hostNetwork',
  'host-network',
  ['host-network'],
  "shares the node's network stack (sniffing, localhost services, bypasses NetworkPolicy)",
);
export const hostPID = hostNamespace(
  'hostPID',
  'host-pid',
  ['host-pid', 'host-pid-or-ipc'],
  'shows every process of the node (ptrace, /proc/<pid>/root)',
);
export const hostIPC = hostNamespace(
  'hostIPC',
  'host-ipc',
  ['host-ipc', 'host-pid-or-ipc'],
  "shares the node's IPC namespace (shared memory of other pods)",
);
