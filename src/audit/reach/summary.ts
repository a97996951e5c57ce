/**
 * Connectivity summary for large clusters, ports included. Workloads with the same namespace, labels and
 * named container ports behave identically under NetworkPolicy, so they are grouped into classes. Rules are
 * compiled once into (peer classes as a bit row, connection set) entries per selected class; the port space
 * is cut into atoms (`atoms.ts`), and for each atom a bit matrix of "source may send" AND the transpose of
 * "destination admits" gives the class pairs that may use that atom. Exact: `reach.test.ts` checks it against
 * the pairwise engine (`connectionList`).
 */
import { ConnTable } from './atoms.js';
import { BitMatrix, bitRow, popcount, transpose32 } from './bitmatrix.js';
import type { Workload } from './cluster.js';
import type { ConnSet } from './conn.js';
import { portsConn, type Direction, type PolicyIndex } from './evaluate.js';
import type { Rule, RulePeer } from './policy.js';
import { matches, selectorKey } from './selector.js';

export interface ReachSummary {
  readonly workloads: number;
  readonly classes: number;
  /** Ordered pairs of distinct workloads with some allowed connection. */
  readonly connectedPairs: number;
  /** Ordered pairs of distinct workloads with every protocol and port allowed. */
  readonly allConnectionsPairs: number;
  /** Per port atom: how many ordered pairs of distinct workloads may use it. */
  readonly byPorts: readonly { readonly ports: string; readonly conn: ConnSet; readonly pairs: number }[];
  readonly unprotectedIngress: number;
  readonly unprotectedEgress: number;
}

/** Peer classes of a rule: null = every pod; a few classes as a list, many as a bit row. */
type Peers = Int32Array | Uint32Array | null;

/** A rule as it applies to one selected class: its peer classes and a connection set id. */
interface Entry {
  readonly peers: Peers;
  readonly conn: number;
}

/** Sparse sets stay lists (setting a few bits beats ORing a whole row, and allocates less). */
function peerSet(cols: readonly number[], words: number): Int32Array | Uint32Array {
  return cols.length < words ? Int32Array.from(cols) : bitRow(words, cols);
}

/** The classes in any of the sets, each once, ascending. */
function peerClasses(sets: readonly Peers[], n: number): number[] {
  if (sets.includes(null)) return Array.from({ length: n }, (_, c) => c);
  const seen = new Uint8Array(n);
  for (const p of sets)
    if (p instanceof Uint32Array) {
      for (let k = 0; k < p.length; k++)
        for (let x = p[k]!; x !== 0; x &= x - 1) seen[k * 32 + (31 - Math.clz32(x & -x))] = 1;
    } else if (p !== null) for (const c of p) seen[c] = 1;
  const out: number[] = [];
  for (let c = 0; c < n; c++) if (seen[c]) out.push(c);
  return out;
}

function orPeers(m: BitMatrix, row: number, peers: Int32Array | Uint32Array): void {
  if (peers instanceof Uint32Array) m.orRow(row, peers);
  else for (let i = 0; i < peers.length; i++) m.set(row, peers[i]!);
}

const hasNamedPort = (r: Rule) => r.ports?.some((p) => typeof p.port === 'string') ?? false;

function classesOf(workloads: readonly Workload[]) {
  const ids = new Map<string, number>();
  const reps: Workload[] = [];
  const weight: number[] = [];
  for (const w of workloads) {
    const named = w.ports
      .filter((p) => p.name !== undefined)
      .map((p) => `${p.name}/${p.protocol}/${p.port}`)
      .sort()
      .join(',');
    const key = `${w.ns}\n${selectorKey({ matchLabels: w.labels, matchExpressions: [] })}\n${named}`;
    const id = ids.get(key);
    if (id !== undefined) weight[id]!++;
    else {
      ids.set(key, reps.length);
      reps.push(w);
      weight.push(1);
    }
  }
  return { reps, weight };
}

export function summarize(index: PolicyIndex): ReachSummary {
  const { reps, weight } = classesOf(index.cluster.workloads);
  const n = reps.length;
  const words = (n + 31) >>> 5;
  const byNs = new Map<string, number[]>();
  reps.forEach((w, c) => (byNs.get(w.ns) ?? byNs.set(w.ns, []).get(w.ns)!).push(c));
  const inNs = (ns: string, sel: Parameters<typeof matches>[0]) =>
    (byNs.get(ns) ?? []).filter((c) => matches(sel, reps[c]!.labels));
  const nsCache = new Map<string, string[]>();
  const peerCache = new Map<string, Int32Array | Uint32Array>();
  const NONE = new Int32Array(0);
  const peersOf = (p: RulePeer, policyNs: string): Int32Array | Uint32Array => {
    if (p.kind === 'ip') return NONE; // address blocks never match pods
    const nsKey = p.nsSelector === null ? `=${policyNs}` : selectorKey(p.nsSelector);
    const key = `${nsKey}/${selectorKey(p.podSelector)}`;
    let row = peerCache.get(key);
    if (row) return row;
    let nss = nsCache.get(nsKey);
    if (!nss) {
      const sel = p.nsSelector;
      nss =
        sel === null
          ? [policyNs]
          : [...index.cluster.namespaces.values()]
              .filter((ns) => matches(sel, ns.labels))
              .map((ns) => ns.name);
      nsCache.set(nsKey, nss);
    }
    row = peerSet(
      nss.flatMap((ns) => inNs(ns, p.podSelector)),
      words,
    );
    peerCache.set(key, row);
    return row;
  };
  /** One peer set per rule peer (null: the rule has no peers, i.e. every pod). */
  const ruleSets = (r: Rule, policyNs: string): Peers[] =>
    r.peers === null ? [null] : r.peers.map((p) => peersOf(p, policyNs));
  const table = new ConnTable();
  const entries: Record<Direction, Entry[][]> = {
    ingress: reps.map(() => []),
    egress: reps.map(() => []),
  };
  const isolated = { ingress: new Uint8Array(n), egress: new Uint8Array(n) };
  for (const pol of index.policies) {
    const targets = inNs(pol.ns, pol.podSelector);
    for (const dir of ['ingress', 'egress'] as const) {
      const rules = pol[dir];
      if (rules === null) continue;
      for (const t of targets) isolated[dir][t] = 1;
      for (const r of rules) {
        const sets = ruleSets(r, pol.ns);
        const add = (t: number, conn: number) => {
          for (const peers of sets) entries[dir][t]!.push({ peers, conn });
        };
        if (!hasNamedPort(r)) {
          const conn = table.intern(portsConn(r.ports, null));
          for (const t of targets) add(t, conn);
        } else if (dir === 'ingress') {
          // Named ports resolve on the destination: here the selected class itself.
          for (const t of targets) add(t, table.intern(portsConn(r.ports, reps[t]!)));
        } else {
          // Egress: each destination class resolves the names its own way; split the peers by the result.
          const split = new Map<number, number[]>();
          for (const c of peerClasses(sets, n)) {
            const id = table.intern(portsConn(r.ports, reps[c]!));
            (split.get(id) ?? split.set(id, []).get(id)!).push(c);
          }
          for (const [conn, cols] of split) {
            const peers = peerSet(cols, words);
            for (const t of targets) entries.egress[t]!.push({ peers, conn });
          }
        }
      }
    }
  }
  return countPairs(n, weight, entries, isolated, table);
}

function countPairs(
  n: number,
  weight: readonly number[],
  entries: Record<Direction, Entry[][]>,
  isolated: Record<Direction, Uint8Array>,
  table: ConnTable,
): ReachSummary {
  const { atoms, has } = table.atoms();
  const A = atoms.length;
  const send = new BitMatrix(n);
  const admit = new BitMatrix(n);
  const any = new BitMatrix(n);
  const all = new BitMatrix(n);
  for (let r = 0; r < n; r++) all.fillRow(r);
  const build = (m: BitMatrix, dir: Direction, a: number) => {
    m.clear();
    for (let r = 0; r < n; r++) {
      if (!isolated[dir][r]) m.fillRow(r);
      else
        for (const e of entries[dir][r]!)
          if (has[e.conn * A + a]) {
            if (e.peers === null) {
              m.fillRow(r);
              break;
            }
            orPeers(m, r, e.peers);
          }
    }
  };
  const byPorts: { ports: string; conn: ConnSet; pairs: number }[] = [];
  for (let a = 0; a < A; a++) {
    build(send, 'egress', a);
    build(admit, 'ingress', a);
    byPorts.push({
      ports: atoms[a]!.text,
      conn: atoms[a]!.conn,
      pairs: joinAtom(send, admit, any, all, weight),
    });
  }
  const unprotected = (dir: Direction) => weight.reduce((s, w, c) => s + (isolated[dir][c] ? 0 : w), 0);
  return {
    workloads: weight.reduce((s, w) => s + w, 0),
    classes: n,
    connectedPairs: weightedPairs(any, weight),
    allConnectionsPairs: weightedPairs(all, weight),
    byPorts: byPorts.filter((b) => b.pairs > 0),
    unprotectedIngress: unprotected('ingress'),
    unprotectedEgress: unprotected('egress'),
  };
}

/**
 * One atom: pair (s, d) is allowed when send[s][d] and admit[d][s]. Works on 32×32 blocks, transposing the
 * admit block on the fly, and folds the result into `any` / `all`; returns the atom's workload pair count.
 */
function joinAtom(
  send: BitMatrix,
  admit: BitMatrix,
  any: BitMatrix,
  all: BitMatrix,
  weight: readonly number[],
) {
  const { n, words: W } = send;
  const uniform = weight.every((w) => w === 1);
  const blk = new Uint32Array(32);
  const S = send.bits;
  let pairs = 0;
  for (let rb = 0; rb < W; rb++)
    for (let cb = 0; cb < W; cb++) {
      const rows = Math.min(32, n - rb * 32);
      let nonzero = 0;
      for (let i = 0; i < rows; i++) nonzero |= S[(rb * 32 + i) * W + cb]!;
      if (nonzero === 0) {
        for (let i = 0; i < rows; i++) all.bits[(rb * 32 + i) * W + cb] = 0;
        continue;
      }
      let admits = 0;
      for (let j = 0; j < 32; j++) {
        const d = cb * 32 + j;
        admits |= blk[j] = d < n ? admit.bits[d * W + rb]! : 0;
      }
      if (admits === 0) {
        for (let i = 0; i < rows; i++) all.bits[(rb * 32 + i) * W + cb] = 0;
        continue;
      }
      transpose32(blk);
      for (let i = 0; i < rows; i++) {
        const s = rb * 32 + i;
        const idx = s * W + cb;
        const c = S[idx]! & blk[i]!;
        any.bits[idx]! |= c;
        all.bits[idx]! &= c;
        if (c === 0) continue;
        const ws = weight[s]!;
        let sum = 0;
        if (uniform) sum = popcount(c);
        else for (let x = c; x !== 0; x &= x - 1) sum += weight[cb * 32 + (31 - Math.clz32(x & -x))]!;
        pairs += ws * sum;
        if (rb === cb && ((c >>> i) & 1) === 1) pairs -= ws;
      }
    }
  return pairs;
}

/** Ordered pairs of distinct workloads in a class-pair matrix (a class of k workloads has k(k-1) inner pairs). */
function weightedPairs(m: BitMatrix, weight: readonly number[]): number {
  const uniform = weight.every((w) => w === 1);
  let pairs = 0;
  for (let s = 0; s < m.n; s++) {
    const o = s * m.words;
    let sum = 0;
    if (uniform) for (let k = 0; k < m.words; k++) sum += popcount(m.bits[o + k]!);
    else
      for (let k = 0; k < m.words; k++)
        for (let x = m.bits[o + k]!; x !== 0; x &= x - 1) sum += weight[k * 32 + (31 - Math.clz32(x & -x))]!;
    const ws = weight[s]!;
    pairs += ws * sum - (m.get(s, s) ? ws : 0);
  }
  return pairs;
}
