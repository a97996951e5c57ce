/**
 * Ingress and OpenShift Route analysis, as netpol-analyzer does it: an Ingress rule or Route names a Service
 * (and a port), the Service selects workloads of its namespace and maps the port to a container port; the
 * `{ingress-controller}` (a pod of an unknown namespace, no labels) may then connect to those TCP ports, as
 * far as the NetworkPolicies let it.
 */
import type { Diagnostic } from '../../core/errors.js';
import { isRecord, namespaceOf, type K8sObject } from '../../k8s/object.js';
import { NS_NAME_LABEL, type Workload } from './cluster.js';
import { NO_CONNS, connIntersect, connUnion, isEmpty, portConn, type ConnSet } from './conn.js';
import { byName, type Connection, type Peer } from './connlist.js';
import { objectDiagnostic } from './diag.js';
import type { Endpoint, PolicyIndex } from './evaluate.js';
import { matches } from './selector.js';

export const INGRESS_CONTROLLER = '{ingress-controller}';
const CONTROLLER_NS = 'ingress-controller-ns';

/** A port as Kubernetes' IntOrString: a number, or a name. `null` when not given. */
type PortRef = number | string | null;

interface ServicePort {
  readonly name: string;
  readonly port: number;
  readonly targetPort: PortRef;
}

interface Service {
  readonly peers: readonly Workload[];
  readonly ports: readonly ServicePort[];
}

/** One backend of an Ingress or Route. `route` changes how a named port matches (see `accessPorts`). */
interface Backend {
  readonly service: string;
  readonly port: PortRef;
  readonly route: boolean;
}

const portRef = (v: unknown): PortRef =>
  typeof v === 'number' && v !== 0 ? v : typeof v === 'string' && v !== '' ? v : null;

function services(objects: readonly K8sObject[], index: PolicyIndex, diags: Diagnostic[]) {
  const out = new Map<string, Service>(); // `ns/name`
  for (const obj of objects) {
    if (obj.kind !== 'Service') continue;
    const spec = isRecord(obj.raw['spec']) ? obj.raw['spec'] : {};
    const sel = spec['selector'];
    if (!isRecord(sel)) {
      diags.push(objectDiagnostic(obj, 'spec.selector', 'Service without selector: ignored', 'warning'));
      continue;
    }
    const matchLabels: Record<string, string> = {};
    for (const [k, v] of Object.entries(sel)) if (typeof v === 'string') matchLabels[k] = v;
    const ns = namespaceOf(obj);
    const selector = { matchLabels, matchExpressions: [] };
    const peers = index.cluster.workloads.filter((w) => w.ns === ns && matches(selector, w.labels));
    if (peers.length === 0) continue;
    const ports: ServicePort[] = [];
    for (const p of Array.isArray(spec['ports']) ? (spec['ports'] as unknown[]) : [])
      if (isRecord(p) && typeof p['port'] === 'number')
        ports.push({
          name: typeof p['name'] === 'string' ? p['name'] : '',
          port: p['port'],
          targetPort: portRef(p['targetPort']),
        });
    out.set(`${ns}/${obj.metadata.name}`, { peers, ports });
  }
  return out;
}

function ingressBackend(v: unknown): Backend | null {
  const svc = isRecord(v) ? v['service'] : undefined;
  if (!isRecord(svc) || typeof svc['name'] !== 'string') return null;
  const port = isRecord(svc['port']) ? svc['port'] : {};
  // Port.Name and Port.Number are exclusive; a name wins as in netpol-analyzer.
  return { service: svc['name'], port: portRef(port['name']) ?? portRef(port['number']), route: false };
}

function backendsOf(obj: K8sObject, diags: Diagnostic[]): Backend[] {
  const spec = isRecord(obj.raw['spec']) ? obj.raw['spec'] : {};
  const out: Backend[] = [];
  const warn = (path: string, msg: string) => diags.push(objectDiagnostic(obj, path, msg, 'warning'));
  if (obj.kind === 'Ingress') {
    if (spec['defaultBackend'] !== undefined) {
      const b = ingressBackend(spec['defaultBackend']);
      if (b) out.push(b);
      else warn('spec.defaultBackend', 'default backend without a Service: ignored');
    }
    const rules = Array.isArray(spec['rules']) ? (spec['rules'] as unknown[]) : [];
    rules.forEach((r, i) => {
      const http = isRecord(r) && isRecord(r['http']) ? r['http'] : {};
      const paths = Array.isArray(http['paths']) ? (http['paths'] as unknown[]) : [];
      paths.forEach((p, j) => {
        const b = ingressBackend(isRecord(p) ? p['backend'] : undefined);
        if (b) out.push(b);
        else warn(`spec.rules[${i}].http.paths[${j}].backend`, 'backend without a Service: ignored');
      });
    });
    return out;
  }
  const port = isRecord(spec['port']) ? portRef(spec['port']['targetPort']) : null;
  const target = (t: unknown, path: string) => {
    if (!isRecord(t)) return;
    if (t['kind'] !== undefined && t['kind'] !== '' && t['kind'] !== 'Service')
      return warn(path, 'target of a kind other than Service: ignored');
    if (typeof t['name'] === 'string') out.push({ service: t['name'], port, route: true });
  };
  target(spec['to'], 'spec.to');
  const alt = Array.isArray(spec['alternateBackends']) ? (spec['alternateBackends'] as unknown[]) : [];
  alt.forEach((t, i) => target(t, `spec.alternateBackends[${i}]`));
  return out;
}

/**
 * The container port(s) a backend port reaches through the Service: the first Service port whose name,
 * port or targetPort matches (an Ingress names a Service port by its name only; a Route's targetPort
 * may also equal the Service port's targetPort name), or every Service port when none is given.
 */
function accessPorts(ports: readonly ServicePort[], b: Backend): PortRef[] {
  const out: PortRef[] = [];
  for (const sp of ports) {
    const access = sp.targetPort ?? sp.port;
    if (b.port === null) out.push(access);
    else if (
      (typeof b.port === 'string' && sp.name !== '' && sp.name === b.port) ||
      sp.port === b.port ||
      (sp.targetPort === b.port && (typeof b.port === 'number' || b.route))
    )
      return [access];
  }
  return out;
}

/** TCP ports the workload exposes through these access ports (regular containers' ports, by number or name). */
function exposedConn(w: Workload, refs: readonly PortRef[]): ConnSet {
  let c = NO_CONNS;
  const own = w.ports.filter((p) => !p.init);
  for (const ref of refs) {
    let n: number | null = typeof ref === 'number' ? ref : null;
    if (typeof ref === 'string') {
      const named = own.find((p) => p.name === ref);
      n = named !== undefined && named.protocol === 'TCP' ? named.port : null;
    }
    // Every declared container port counts here, whatever its protocol (as netpol-analyzer does).
    if (n !== null && own.some((p) => p.port === n)) c = connUnion(c, portConn('TCP', n, n));
  }
  return c;
}

export function ingressControllerEndpoint(): Endpoint {
  const w: Workload = {
    id: INGRESS_CONTROLLER,
    ns: CONTROLLER_NS,
    name: 'ingress-controller',
    kind: 'IngressController',
    labels: {},
    ports: [],
  };
  return { kind: 'pod', w, nsLabels: { [NS_NAME_LABEL]: CONTROLLER_NS } };
}

/** Connections from `{ingress-controller}` to the workloads that Ingress and Route objects expose. */
export function ingressConnections(
  objects: readonly K8sObject[],
  index: PolicyIndex,
  diags: Diagnostic[],
): Connection[] {
  const svcs = services(objects, index, diags);
  if (svcs.size === 0) return [];
  const byPeer = new Map<string, { w: Workload; conn: ConnSet }>();
  for (const obj of objects) {
    if (obj.kind !== 'Ingress' && obj.kind !== 'Route') continue;
    const ns = namespaceOf(obj);
    for (const b of backendsOf(obj, diags)) {
      const svc = svcs.get(`${ns}/${b.service}`);
      if (svc === undefined) {
        diags.push(
          objectDiagnostic(obj, 'spec', `target Service ${b.service} not found: ignored`, 'warning'),
        );
        continue;
      }
      const refs = accessPorts(svc.ports, b);
      for (const w of svc.peers) {
        const prev = byPeer.get(w.id);
        const conn = exposedConn(w, refs);
        byPeer.set(w.id, { w, conn: prev ? connUnion(prev.conn, conn) : conn });
      }
    }
  }
  const ctrl = ingressControllerEndpoint();
  const src: Peer = { name: INGRESS_CONTROLLER, ep: ctrl };
  const out: Connection[] = [];
  for (const { w, conn } of byPeer.values()) {
    const dst: Peer = { name: w.id, ep: index.endpoint(w) };
    const verdict = index.allowed(ctrl, dst.ep);
    const allowed = connIntersect(conn, verdict.conn);
    if (!isEmpty(allowed)) out.push({ src, dst, conn: allowed, verdict });
  }
  return out.sort(byName);
}
