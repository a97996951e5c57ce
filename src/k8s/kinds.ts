/**
 * Kinds the loader knows. An unknown kind (a CRD, a typo) is kept and reported as a warning: consumers skip what
 * they do not understand, and a typo in `kind:` must not silently drop a workload from an audit.
 */
export const KnownKinds: ReadonlySet<string> = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
  'PodTemplate',
  'Namespace',
  'Service',
  'ServiceAccount',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'EndpointSlice',
  'Node',
  'NetworkPolicy',
  'Ingress',
  'IngressClass',
  'Route',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'LimitRange',
  'ResourceQuota',
  'PriorityClass',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
  'Lease',
  'CiliumNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'PodSecurityPolicy',
]);

/** `List`, `PodList`, `DeploymentList` …: containers of `items`, flattened by the loader. */
export function isListKind(kind: string): boolean {
  return kind === 'List' || (kind.endsWith('List') && kind.length > 4);
}
