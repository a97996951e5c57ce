import { isRecord } from './object.js';
import type { PathStep } from './path.js';

/**
 * The types of the pod-spec fields that checks read. Not the whole OpenAPI schema: only what a check could
 * misread if a manifest put a string where Kubernetes expects a boolean (`privileged: "yes"`).
 */
export type Shape =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'quantity'
  | 'object'
  | { map: Shape }
  | { fields: Record<string, Shape> }
  | { items: Shape };

const strings: Shape = { items: 'string' };
const seccomp: Shape = { fields: { type: 'string', localhostProfile: 'string' } };
const seLinux: Shape = { fields: { user: 'string', role: 'string', type: 'string', level: 'string' } };
const windows: Shape = { fields: { hostProcess: 'boolean' } };
const appArmor: Shape = { fields: { type: 'string', localhostProfile: 'string' } };

const containerSecurity: Shape = {
  fields: {
    privileged: 'boolean',
    allowPrivilegeEscalation: 'boolean',
    readOnlyRootFilesystem: 'boolean',
    runAsNonRoot: 'boolean',
    runAsUser: 'integer',
    runAsGroup: 'integer',
    procMount: 'string',
    capabilities: { fields: { add: strings, drop: strings } },
    seccompProfile: seccomp,
    seLinuxOptions: seLinux,
    appArmorProfile: appArmor,
    windowsOptions: windows,
  },
};

const container: Shape = {
  fields: {
    name: 'string',
    image: 'string',
    imagePullPolicy: 'string',
    command: strings,
    args: strings,
    env: { items: { fields: { name: 'string', value: 'string', valueFrom: 'object' } } },
    envFrom: { items: { fields: { secretRef: 'object', configMapRef: 'object' } } },
    ports: {
      items: {
        fields: { containerPort: 'integer', hostPort: 'integer', protocol: 'string', name: 'string' },
      },
    },
    volumeMounts: { items: { fields: { name: 'string', mountPath: 'string', readOnly: 'boolean' } } },
    resources: { fields: { limits: { map: 'quantity' }, requests: { map: 'quantity' } } },
    securityContext: containerSecurity,
    livenessProbe: 'object',
    readinessProbe: 'object',
    startupProbe: 'object',
    lifecycle: 'object',
  },
};

export const PodSpecShape: Shape = {
  fields: {
    containers: { items: container },
    initContainers: { items: container },
    ephemeralContainers: { items: container },
    hostNetwork: 'boolean',
    hostPID: 'boolean',
    hostIPC: 'boolean',
    hostUsers: 'boolean',
    automountServiceAccountToken: 'boolean',
    serviceAccountName: 'string',
    serviceAccount: 'string',
    nodeName: 'string',
    nodeSelector: { map: 'string' },
    affinity: 'object',
    tolerations: {
      items: { fields: { key: 'string', operator: 'string', value: 'string', effect: 'string' } },
    },
    volumes: {
      items: { fields: { name: 'string', hostPath: { fields: { path: 'string', type: 'string' } } } },
    },
    os: { fields: { name: 'string' } },
    securityContext: {
      fields: {
        runAsNonRoot: 'boolean',
        runAsUser: 'integer',
        runAsGroup: 'integer',
        fsGroup: 'integer',
        supplementalGroups: { items: 'integer' },
        sysctls: { items: { fields: { name: 'string', value: 'string' } } },
        seccompProfile: seccomp,
        seLinuxOptions: seLinux,
        appArmorProfile: appArmor,
        windowsOptions: windows,
      },
    },
  },
};

export const MetadataShape: Shape = {
  fields: { name: 'string', namespace: 'string', labels: { map: 'string' }, annotations: { map: 'string' } },
};

export interface ShapeError {
  steps: PathStep[];
  message: string;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

function scalarOk(shape: string, v: unknown): boolean {
  switch (shape) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'quantity':
      return typeof v === 'string' || typeof v === 'number';
    default:
      return isRecord(v);
  }
}

/** Every place where `value` does not have `shape`. null counts as absent, as it does for the API server. */
export function checkShape(
  value: unknown,
  shape: Shape,
  steps: PathStep[] = [],
  out: ShapeError[] = [],
): ShapeError[] {
  // One path stack, copied only for an error: manifests are mostly well-formed and this runs per object.
  walkShape(value, shape, [...steps], out);
  return out;
}

function walkShape(value: unknown, shape: Shape, steps: PathStep[], out: ShapeError[]): void {
  if (value === null || value === undefined) return;
  if (typeof shape === 'string') {
    if (!scalarOk(shape, value))
      out.push({
        steps: [...steps],
        message: `expected ${shape === 'object' ? 'a mapping' : shape}, got ${describe(value)}`,
      });
    return;
  }
  if ('items' in shape) {
    if (!Array.isArray(value)) {
      out.push({ steps: [...steps], message: `expected a list, got ${describe(value)}` });
      return;
    }
    for (let i = 0; i < value.length; i++) {
      steps.push(i);
      walkShape(value[i], shape.items, steps, out);
      steps.pop();
    }
    return;
  }
  if (!isRecord(value)) {
    out.push({ steps: [...steps], message: `expected a mapping, got ${describe(value)}` });
    return;
  }
  const fields = 'map' in shape ? null : shape.fields;
  for (const k in fields ?? value) {
    const v = value[k];
    if (v === null || v === undefined) continue;
    steps.push(k);
    walkShape(v, fields === null ? (shape as { map: Shape }).map : fields[k]!, steps, out);
    steps.pop();
  }
}
