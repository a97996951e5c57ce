import { formatConn } from './conn.js';
import type { Connection } from './connlist.js';

/** netpol-analyzer's connlist text: `SRC => DST : CONN` a line, sorted by source then destination. */
export function formatConnlistTxt(conns: readonly Connection[]): string {
  return conns.map((c) => `${c.src.name} => ${c.dst.name} : ${formatConn(c.conn)}\n`).join('');
}
