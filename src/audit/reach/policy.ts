/**
 * NetworkPolicy objects compiled into a normalized form (cyclonus style) before any question is asked:
 * policyTypes resolved, peers typed, ipBlocks turned into address sets, ports into typed specs.
 */
import type { Diagnostic } from '../../core/errors.js';
import { isRecord, namespaceOf, type K8sObject } from '../../k8s/object.js';
import { ipBlockRanges, isIpv6Cidr, parseCidr } from './cidr.js';
import { isProtocol, type Protocol } from './conn.js';
import { objectDiagnostic } from './diag.js';
import type { Interval, IntervalSet } from './intervals.js';
import { MATCH_ALL, isOperator, type Requirement, type Selector } from './selector.js';

export interface PortSpec {
  readonly protocol: Protocol;
  /** A number, a named container port, or undefined for every port. */
  readonly port: number | string | undefined;
  readonly endPort: number | undefined;
}

export type RulePeer =
  /** `nsSelector` null: the policy's own namespace. */
  | { readonly kind: 'pods'; readonly nsSelector: Selector | null; readonly podSelector: Selector }
  | { readonly kind: 'ip'; readonly ranges: IntervalSet };

export interface Rule {
  readonly index: number;
  /** null: `from`/`to` absent or empty, i.e. every peer. */
  readonly peers: readonly RulePeer[] | null;
  /** null: `ports` absent or empty, i.e. every protocol and port. */
  readonly ports: readonly PortSpec[] | null;
}

export interface Policy {
  /** `ns/name` */
  readonly id: string;
  readonly ns: string;
  readonly name: string;
  readonly podSelector: Selector;
  /** null: the policy does not affect that direction. */
  readonly ingress: readonly Rule[] | null;
  readonly egress: readonly Rule[] | null;
}

type Report = (path: string, message: string) => void;

export function compileSelector(v: unknown, path: string, report: Report): Selector {
  if (v === undefined || v === null) return MATCH_ALL;
  if (!isRecord(v)) {
    report(path, 'label selector must be an object');
    return NOTHING;
  }
  const matchLabels: Record<string, string> = {};
  if (isRecord(v['matchLabels']))
    for (const [k, x] of Object.entries(v['matchLabels'])) {
      if (typeof x === 'string') matchLabels[k] = x;
      else report(`${path}.matchLabels.${k}`, 'label value must be a string');
    }
  const matchExpressions: Requirement[] = [];
  const exprs = v['matchExpressions'];
  if (Array.isArray(exprs))
    exprs.forEach((e: unknown, i) => {
      const at = `${path}.matchExpressions[${i}]`;
      if (
        !isRecord(e) ||
        typeof e['key'] !== 'string' ||
        typeof e['operator'] !== 'string' ||
        !isOperator(e['operator'])
      ) {
        report(at, 'requirement needs a key and an operator In, NotIn, Exists or DoesNotExist');
        matchExpressions.push(IMPOSSIBLE);
        return;
      }
      const values = Array.isArray(e['values'])
        ? e['values'].filter((x): x is string => typeof x === 'string')
        : [];
      matchExpressions.push({ key: e['key'], operator: e['operator'], values });
    });
  return { matchLabels, matchExpressions };
}

/** An invalid selector selects nothing (the API server would have rejected the policy). */
const IMPOSSIBLE: Requirement = { key: '', operator: 'In', values: [] };
const NOTHING: Selector = { matchLabels: {}, matchExpressions: [IMPOSSIBLE] };

function compilePeer(v: unknown, path: string, report: Report): RulePeer | null {
  if (!isRecord(v)) return (report(path, 'peer must be an object'), null);
  if (v['ipBlock'] !== undefined) {
    const b = v['ipBlock'];
    if (!isRecord(b) || typeof b['cidr'] !== 'string')
      return (report(`${path}.ipBlock`, 'ipBlock needs a cidr'), null);
    // IPv6 blocks never match the IPv4 peers modelled here.
    if (isIpv6Cidr(b['cidr'])) return { kind: 'ip', ranges: [] };
    const cidr = parseCidr(b['cidr']);
    if (cidr === null) return (report(`${path}.ipBlock.cidr`, `bad CIDR "${b['cidr']}"`), null);
    const except: Interval[] = [];
    const ex = Array.isArray(b['except']) ? b['except'] : [];
    ex.forEach((x: unknown, i) => {
      const r = typeof x === 'string' && !isIpv6Cidr(x) ? parseCidr(x) : null;
      if (r !== null) except.push(r);
      else if (!(typeof x === 'string' && isIpv6Cidr(x)))
        report(`${path}.ipBlock.except[${i}]`, `bad CIDR "${String(x)}"`);
    });
    return { kind: 'ip', ranges: ipBlockRanges(cidr, except) };
  }
  const hasNs = v['namespaceSelector'] !== undefined && v['namespaceSelector'] !== null;
  const hasPod = v['podSelector'] !== undefined && v['podSelector'] !== null;
  if (!hasNs && !hasPod) return (report(path, 'peer needs podSelector, namespaceSelector or ipBlock'), null);
  return {
    kind: 'pods',
    nsSelector: hasNs ? compileSelector(v['namespaceSelector'], `${path}.namespaceSelector`, report) : null,
    podSelector: compileSelector(v['podSelector'], `${path}.podSelector`, report),
  };
}

function compilePort(v: unknown, path: string, report: Report): PortSpec | null {
  if (!isRecord(v)) return (report(path, 'port must be an object'), null);
  const protocol = v['protocol'] ?? 'TCP';
  if (typeof protocol !== 'string' || !isProtocol(protocol))
    return (report(`${path}.protocol`, 'protocol must be TCP, UDP or SCTP'), null);
  const port = v['port'];
  const endPort = v['endPort'];
  if (port !== undefined && typeof port !== 'number' && typeof port !== 'string')
    return (report(`${path}.port`, 'port must be a number or a name'), null);
  if (endPort !== undefined && (typeof endPort !== 'number' || typeof port !== 'number' || endPort < port))
    return (report(`${path}.endPort`, 'endPort needs a numeric port not above it'), null);
  // A numeric string ("80") is a number for the API server's IntOrString.
  const p = typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
  return { protocol, port: p, endPort: typeof endPort === 'number' ? endPort : undefined };
}

function compileRules(list: unknown, dir: 'ingress' | 'egress', report: Report): Rule[] {
  if (!Array.isArray(list)) return [];
  const peersKey = dir === 'ingress' ? 'from' : 'to';
  return list.map((r: unknown, index) => {
    const at = `spec.${dir}[${index}]`;
    if (!isRecord(r)) return (report(at, 'rule must be an object'), { index, peers: [], ports: [] });
    const rawPeers = r[peersKey];
    const rawPorts = r['ports'];
    const peers =
      Array.isArray(rawPeers) && rawPeers.length > 0
        ? rawPeers.flatMap((p: unknown, i) => compilePeer(p, `${at}.${peersKey}[${i}]`, report) ?? [])
        : null;
    const ports =
      Array.isArray(rawPorts) && rawPorts.length > 0
        ? rawPorts.flatMap((p: unknown, i) => compilePort(p, `${at}.ports[${i}]`, report) ?? [])
        : null;
    return { index, peers, ports };
  });
}

export function compilePolicy(obj: K8sObject, diags: Diagnostic[]): Policy {
  const report: Report = (path, message) => diags.push(objectDiagnostic(obj, path, message));
  const spec = isRecord(obj.raw['spec']) ? obj.raw['spec'] : {};
  const ns = namespaceOf(obj);
  const types = Array.isArray(spec['policyTypes']) ? spec['policyTypes'] : null;
  // policyTypes default: Ingress always, Egress when egress rules are present.
  const hasIngress = types ? types.includes('Ingress') : true;
  const hasEgress = types
    ? types.includes('Egress')
    : Array.isArray(spec['egress']) && spec['egress'].length > 0;
  return {
    id: `${ns}/${obj.metadata.name}`,
    ns,
    name: obj.metadata.name,
    podSelector: compileSelector(spec['podSelector'] ?? {}, 'spec.podSelector', report),
    ingress: hasIngress ? compileRules(spec['ingress'], 'ingress', report) : null,
    egress: hasEgress ? compileRules(spec['egress'], 'egress', report) : null,
  };
}
