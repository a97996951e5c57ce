import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { VigilError } from '../core/errors.js';
import { isRecord, type K8sObject } from './object.js';
import { parseManifestText } from './parse.js';

/** One page of a list call: the typed client's result, read only for `items` and `metadata._continue`. */
interface ListPage {
  items: unknown[];
  metadata?: { _continue?: string };
}
type Lister = (kc: KubeConfig, page: { limit: number; _continue?: string }) => Promise<ListPage>;

/** Every kind read from a live cluster: list calls only, so a read-only ClusterRole is enough. */
const Listers: Record<string, { apiVersion: string; list: Lister }> = {
  Namespace: { apiVersion: 'v1', list: (kc, p) => kc.makeApiClient(CoreV1Api).listNamespace(p) },
  Node: { apiVersion: 'v1', list: (kc, p) => kc.makeApiClient(CoreV1Api).listNode(p) },
  Pod: { apiVersion: 'v1', list: (kc, p) => kc.makeApiClient(CoreV1Api).listPodForAllNamespaces(p) },
  ServiceAccount: {
    apiVersion: 'v1',
    list: (kc, p) => kc.makeApiClient(CoreV1Api).listServiceAccountForAllNamespaces(p),
  },
  Service: { apiVersion: 'v1', list: (kc, p) => kc.makeApiClient(CoreV1Api).listServiceForAllNamespaces(p) },
  ReplicationController: {
    apiVersion: 'v1',
    list: (kc, p) => kc.makeApiClient(CoreV1Api).listReplicationControllerForAllNamespaces(p),
  },
  Deployment: {
    apiVersion: 'apps/v1',
    list: (kc, p) => kc.makeApiClient(AppsV1Api).listDeploymentForAllNamespaces(p),
  },
  StatefulSet: {
    apiVersion: 'apps/v1',
    list: (kc, p) => kc.makeApiClient(AppsV1Api).listStatefulSetForAllNamespaces(p),
  },
  DaemonSet: {
    apiVersion: 'apps/v1',
    list: (kc, p) => kc.makeApiClient(AppsV1Api).listDaemonSetForAllNamespaces(p),
  },
  ReplicaSet: {
    apiVersion: 'apps/v1',
    list: (kc, p) => kc.makeApiClient(AppsV1Api).listReplicaSetForAllNamespaces(p),
  },
  Job: { apiVersion: 'batch/v1', list: (kc, p) => kc.makeApiClient(BatchV1Api).listJobForAllNamespaces(p) },
  CronJob: {
    apiVersion: 'batch/v1',
    list: (kc, p) => kc.makeApiClient(BatchV1Api).listCronJobForAllNamespaces(p),
  },
  NetworkPolicy: {
    apiVersion: 'networking.k8s.io/v1',
    list: (kc, p) => kc.makeApiClient(NetworkingV1Api).listNetworkPolicyForAllNamespaces(p),
  },
  Role: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    list: (kc, p) => kc.makeApiClient(RbacAuthorizationV1Api).listRoleForAllNamespaces(p),
  },
  ClusterRole: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    list: (kc, p) => kc.makeApiClient(RbacAuthorizationV1Api).listClusterRole(p),
  },
  RoleBinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    list: (kc, p) => kc.makeApiClient(RbacAuthorizationV1Api).listRoleBindingForAllNamespaces(p),
  },
  ClusterRoleBinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    list: (kc, p) => kc.makeApiClient(RbacAuthorizationV1Api).listClusterRoleBinding(p),
  },
};

export const LiveKinds: readonly string[] = Object.keys(Listers);

/** Where a kubeconfig can come from (a parameter so tests need not touch the real environment). */
export interface KubeConfigSources {
  env: Record<string, string | undefined>;
  home: string;
}

/**
 * kubeconfig (KUBECONFIG or ~/.kube/config, else the pod's service account as the client library does), or
 * the in-cluster service account when `inCluster`. With none of them the library would quietly talk to
 * http://localhost:8080 and fail with a message about TLS; this says what is missing instead, as kubectl
 * does. A `context` that the kubeconfig does not have is named with the ones it has.
 */
export function kubeConfig(
  opts: { inCluster?: boolean; context?: string } = {},
  src: KubeConfigSources = { env: process.env, home: homedir() },
): KubeConfig {
  const kc = new KubeConfig();
  if (opts.inCluster) {
    if (src.env['KUBERNETES_SERVICE_HOST'] === undefined)
      throw new VigilError(
        'E_CONFIG',
        'not running in a pod: KUBERNETES_SERVICE_HOST is not set (drop --in-cluster)',
      );
    kc.loadFromCluster();
  } else {
    const files = (src.env['KUBECONFIG'] ?? '').split(':').filter((f) => f !== '');
    const home = join(src.home, '.kube', 'config');
    const inPod = src.env['KUBERNETES_SERVICE_HOST'] !== undefined;
    if (!files.some((f) => existsSync(f)) && !existsSync(home) && !inPod)
      throw new VigilError(
        'E_CONFIG',
        files.length > 0
          ? `no kubeconfig: KUBECONFIG names ${files.join(', ')}, which does not exist`
          : `no kubeconfig: set KUBECONFIG or create ${home} (or run in a pod with --in-cluster)`,
      );
    kc.loadFromDefault();
  }
  if (opts.context !== undefined) {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(opts.context))
      throw new VigilError(
        'E_CONFIG',
        `no context "${opts.context}" in the kubeconfig (it has: ${names.join(', ') || 'none'})`,
      );
    kc.setCurrentContext(opts.context);
  }
  return kc;
}

/**
 * The typed client deserializes into model classes whose property names are the JSON names for every kind
 * listed here, so a JSON round trip gives the plain object a manifest would (timestamps become strings).
 * List items carry no apiVersion/kind; they are put back.
 */
function plainItem(item: unknown, kind: string, apiVersion: string): Record<string, unknown> {
  const plain: unknown = JSON.parse(JSON.stringify(item));
  return { apiVersion, kind, ...(isRecord(plain) ? plain : {}) };
}

async function listAll(kc: KubeConfig, kind: string, pageSize: number): Promise<Record<string, unknown>[]> {
  const l = Listers[kind];
  if (!l) throw new VigilError('E_USAGE', `cannot list kind ${kind} (known: ${LiveKinds.join(', ')})`);
  const out: Record<string, unknown>[] = [];
  let cont: string | undefined;
  do {
    let page: ListPage;
    try {
      page = await l.list(
        kc,
        cont === undefined ? { limit: pageSize } : { limit: pageSize, _continue: cont },
      );
    } catch (err) {
      throw new VigilError(
        'E_IO',
        `listing ${kind} from ${kc.getCurrentCluster()?.server ?? 'cluster'}: ${String(err)}`,
        { cause: err },
      );
    }
    for (const item of page.items) out.push(plainItem(item, kind, l.apiVersion));
    cont = page.metadata?._continue || undefined;
  } while (cont !== undefined);
  return out;
}

/** Lists the objects of a live cluster (list calls only) as the same K8sObject[] the manifest loader gives. */
export async function listClusterObjects(
  kc: KubeConfig,
  kinds: readonly string[] = LiveKinds,
  pageSize = 500,
): Promise<K8sObject[]> {
  const objects: K8sObject[] = [];
  for (const kind of kinds) {
    const items = await listAll(kc, kind, pageSize);
    if (items.length === 0) continue;
    // Through the manifest parser, so live objects get the same shape checks and metadata handling.
    const r = parseManifestText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }), `cluster:${kind}`);
    for (const o of r.objects) {
      delete o.source.locate;
      objects.push(o);
    }
  }
  return objects;
}
