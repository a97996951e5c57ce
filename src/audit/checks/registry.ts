import type { PostureCheck } from '../check.js';
import { capabilitiesNotDropped, dangerousCapabilities } from './capabilities.js';
import { controlPlaneSelector, controlPlaneToleration } from './control-plane.js';
import { hostIPC, hostNetwork, hostPID } from './host-namespaces.js';
import { hostPathVolume, hostPathWritable, sensitiveHostPath } from './hostpath.js';
import { imageLatest, imageNotPinned, imagePullNever } from './images.js';
import { namespaceWithoutPolicy, networkPolicyPartial, noNetworkPolicy } from './network-policy.js';
import { privilegeEscalation, readonlyRootfs } from './privilege-escalation.js';
import { privilegedContainer } from './privileged.js';
import { memoryOutOfRange, noCpuLimit, noCpuRequest, noMemoryLimit, noMemoryRequest } from './resources.js';
import { runAsRoot, runAsRootGroup } from './run-as-root.js';
import { runtimeSocket } from './runtime-socket.js';
import { defaultSaAutomount, saTokenAutomount, saTokenRbac } from './sa-token.js';
import { credentialInEnv, secretInEnv } from './secrets-env.js';

/** Every breakout and hygiene check; adding one is a file and a line here. */
export const PostureChecks: readonly PostureCheck[] = [
  privilegedContainer,
  dangerousCapabilities,
  capabilitiesNotDropped,
  runtimeSocket,
  sensitiveHostPath,
  hostPathVolume,
  hostPathWritable,
  hostNetwork,
  hostPID,
  hostIPC,
  runAsRoot,
  runAsRootGroup,
  privilegeEscalation,
  readonlyRootfs,
  noCpuLimit,
  noMemoryLimit,
  noCpuRequest,
  noMemoryRequest,
  memoryOutOfRange,
  saTokenAutomount,
  saTokenRbac,
  defaultSaAutomount,
  imageLatest,
  imageNotPinned,
  imagePullNever,
  secretInEnv,
  credentialInEnv,
  controlPlaneToleration,
  controlPlaneSelector,
  noNetworkPolicy,
  networkPolicyPartial,
  namespaceWithoutPolicy,
];

export const Topics = [
  'privileged',
  'capabilities',
  'runtime-socket',
  'hostpath',
  'host-namespaces',
  'root-user',
  'privilege-escalation',
  'readonly-rootfs',
  'resources',
  'sa-token',
  'image-tag-pull-policy',
  'secrets-in-env',
  'control-plane',
  'network-policy',
] as const;
