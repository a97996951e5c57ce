import type { PostureCheck } from '../check.js';
import { at, securityContext } from './util.js';

export const privilegeEscalation: PostureCheck = {
  id: 'privilege-escalation',
  topic: 'privilege-escalation',
  severity: 'medium',
  subtopics: ['privilege-escalation-allowed'],
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  run(_obj, pod) {
    // Pod-level allowPrivilegeEscalation is not a Kubernetes field and is ignored, as the API server does.
    return (pod?.containers ?? [])
      .filter((v) => securityContext(v).allowPrivilegeEscalation !== false)
      .map((v) => ({
        path: at(v.path, 'securityContext.allowPrivilegeEscalation'),
        message: `container "${v.name}" allows privilege escalation (setuid binaries, no_new_privs unset)`,
      }));
  },
};

export const readonlyRootfs: PostureCheck = {
  id: 'writable-root-filesystem',
  topic: 'readonly-rootfs',
  severity: 'low',
  subtopics: ['rootfs-writable'],
  remediation:
    'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process must write.',
  run(_obj, pod) {
    return (pod?.containers ?? [])
      .filter((v) => securityContext(v).readOnlyRootFilesystem !== true)
      .map((v) => ({
        path: at(v.path, 'securityContext.readOnlyRootFilesystem'),
        message: `container "${v.name}" has a writable root filesystem`,
      }));
  },
};
