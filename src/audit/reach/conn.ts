/**
 * Connection sets: per protocol a set of port ranges, plus named ports that could not be resolved
 * (only exposure analysis keeps those, for peers whose pods are unknown). Immutable values.
 */
import { EMPTY, equals, intersect, isSubset, normalize, union, type IntervalSet } from './intervals.js';

export type Protocol = 'SCTP' | 'TCP' | 'UDP';
/** Output order (netpol-analyzer sorts protocol names). */
export const PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];
export const PORT_MIN = 1;
export const PORT_MAX = 65535;
const FULL: IntervalSet = [[PORT_MIN, PORT_MAX]];

export interface ConnSet {
  readonly ports: Readonly<Record<Protocol, IntervalSet>>;
  readonly named: Readonly<Record<Protocol, readonly string[]>>;
}

export function isProtocol(p: string): p is Protocol {
  return p === 'TCP' || p === 'UDP' || p === 'SCTP';
}

export const NO_CONNS: ConnSet = {
  ports: { SCTP: EMPTY, TCP: EMPTY, UDP: EMPTY },
  named: { SCTP: [], TCP: [], UDP: [] },
};
export const ALL_CONNS: ConnSet = {
  ports: { SCTP: FULL, TCP: FULL, UDP: FULL },
  named: { SCTP: [], TCP: [], UDP: [] },
};

export function portConn(protocol: Protocol, lo: number, hi: number): ConnSet {
  const ports = {
    ...NO_CONNS.ports,
    [protocol]: normalize([[Math.max(lo, PORT_MIN), Math.min(hi, PORT_MAX)]]),
  };
  return { ports, named: NO_CONNS.named };
}

export function namedConn(protocol: Protocol, name: string): ConnSet {
  return { ports: NO_CONNS.ports, named: { ...NO_CONNS.named, [protocol]: [name] } };
}

export function isEmpty(c: ConnSet): boolean {
  return PROTOCOLS.every((p) => c.ports[p].length === 0 && c.named[p].length === 0);
}

export function isAll(c: ConnSet): boolean {
  return PROTOCOLS.every((p) => equals(c.ports[p], FULL));
}

const mergeNames = (a: readonly string[], b: readonly string[]) =>
  a.length === 0 ? b : b.length === 0 ? a : [...new Set([...a, ...b])].sort();

export function connUnion(a: ConnSet, b: ConnSet): ConnSet {
  if (isEmpty(a) || isAll(b)) return b;
  if (isEmpty(b) || isAll(a)) return a;
  const ports = {} as Record<Protocol, IntervalSet>;
  const named = {} as Record<Protocol, readonly string[]>;
  for (const p of PROTOCOLS) {
    ports[p] = union(a.ports[p], b.ports[p]);
    named[p] = equals(ports[p], FULL) ? [] : mergeNames(a.named[p], b.named[p]);
  }
  return { ports, named };
}

/** A named port survives an intersection with a side that allows every port of its protocol. */
export function connIntersect(a: ConnSet, b: ConnSet): ConnSet {
  if (isAll(a)) return b;
  if (isAll(b)) return a;
  const ports = {} as Record<Protocol, IntervalSet>;
  const named = {} as Record<Protocol, readonly string[]>;
  for (const p of PROTOCOLS) {
    ports[p] = intersect(a.ports[p], b.ports[p]);
    const fullA = equals(a.ports[p], FULL);
    const fullB = equals(b.ports[p], FULL);
    const both = a.named[p].filter((n) => b.named[p].includes(n));
    named[p] = mergeNames(both, mergeNames(fullB ? a.named[p] : [], fullA ? b.named[p] : []));
  }
  return { ports, named };
}

export function connContainedIn(a: ConnSet, b: ConnSet): boolean {
  return PROTOCOLS.every(
    (p) =>
      isSubset(a.ports[p], b.ports[p]) &&
      (equals(b.ports[p], FULL) || a.named[p].every((n) => b.named[p].includes(n))),
  );
}

export function connEquals(a: ConnSet, b: ConnSet): boolean {
  return connContainedIn(a, b) && connContainedIn(b, a);
}

/** netpol-analyzer's text: `All Connections`, or `SCTP 1-9002,9004-65535,TCP 80,UDP 53`. */
export function formatConn(c: ConnSet): string {
  if (isAll(c)) return 'All Connections';
  if (isEmpty(c)) return 'No Connections';
  const groups: string[] = [];
  for (const p of PROTOCOLS) {
    const items = c.ports[p].map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`));
    items.push(...c.named[p]);
    if (items.length > 0) groups.push(`${p} ${items.join(',')}`);
  }
  return groups.join(',');
}
