/**
 * Port atoms for the summary: the connection sets that rules allow are interned, and the (protocol, port)
 * space is cut into the coarsest pieces ("atoms") such that every interned set is a union of atoms. Pieces
 * that belong to exactly the same sets are one atom, so a cluster whose rules name TCP 8080 and UDP 53 has
 * three atoms (TCP 8080, UDP 53, everything else), however large the port space.
 */
import { ALL_CONNS, PORT_MAX, PORT_MIN, PROTOCOLS, formatConn, type ConnSet, type Protocol } from './conn.js';
import { contains, normalize, partition, type Interval } from './intervals.js';

export interface Atom {
  /** The ports of the atom, as netpol-analyzer's text (`TCP 8080`, `SCTP 1-65535,TCP 1-8079,…`). */
  readonly text: string;
  readonly conn: ConnSet;
}

export class ConnTable {
  private readonly ids = new Map<string, number>();
  readonly conns: ConnSet[] = [];

  /** The id of a connection set (named ports must be resolved already: they are ignored here). */
  intern(c: ConnSet): number {
    const key = formatConn(c);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.conns.length;
      this.ids.set(key, id);
      this.conns.push(c);
    }
    return id;
  }

  /** The atoms, and `has[id * atoms.length + a]` = 1 when set `id` contains atom `a`. */
  atoms(): { atoms: Atom[]; has: Uint8Array } {
    this.intern(ALL_CONNS);
    const groups = new Map<string, { pieces: Record<Protocol, Interval[]>; sets: number[] }>();
    for (const p of PROTOCOLS) {
      const cuts = this.conns.flatMap((c) => c.ports[p]);
      for (const piece of partition(PORT_MIN, PORT_MAX, cuts)) {
        const sets: number[] = [];
        this.conns.forEach((c, id) => {
          if (contains(c.ports[p], piece[0])) sets.push(id);
        });
        const sig = sets.join(',');
        let g = groups.get(sig);
        if (!g) groups.set(sig, (g = { pieces: { SCTP: [], TCP: [], UDP: [] }, sets }));
        g.pieces[p].push(piece);
      }
    }
    const atoms: Atom[] = [];
    const list = [...groups.values()];
    const has = new Uint8Array(this.conns.length * list.length);
    list.forEach((g, a) => {
      const ports = {} as Record<Protocol, readonly Interval[]>;
      for (const p of PROTOCOLS) ports[p] = normalize(g.pieces[p]);
      const conn: ConnSet = { ports, named: { SCTP: [], TCP: [], UDP: [] } };
      atoms.push({ text: formatConn(conn), conn });
      for (const id of g.sets) has[id * list.length + a] = 1;
    });
    return { atoms, has };
  }
}
