import { likeContains, type Params } from '../params.js';
import type { Sql } from '../sql.js';
import type { AlertFilter } from '../store.js';

/** How the `addr` filter is written: either end (default), or one of the two disjoint halves of that. */
export type AddrSide = 'either' | 'src' | 'dst-only';

export interface AlertScope {
  /** The distinct messages matching `q` (resolved by `matchingMsgs`); undefined when there is no `q`. */
  msgs?: readonly string[];
  addrSide?: AddrSide;
}

/** The stored messages that contain `q` (case-insensitive, LIKE characters literal). */
export async function matchingMsgs(q: Sql, f: AlertFilter): Promise<AlertScope> {
  if (f.q === undefined || f.q === '') return {};
  const r = await q.query<{ msg: string }>('SELECT msg FROM alert_msgs WHERE msg ILIKE $1::text', [
    likeContains(f.q),
  ]);
  return { msgs: r.rows.map((x) => x.msg) };
}

/**
 * SQL conditions for an alert filter; every value is a parameter. `pod`, `namespace`, `addr` and `port`
 * match either end of the flow; `q` matches through the messages `scope.msgs` lists.
 */
export function alertConditions(f: AlertFilter, p: Params, scope: AlertScope = {}): string[] {
  const c: string[] = [];
  if (f.from !== undefined) c.push(`ts >= ${p.add(f.from, '::float8')}`);
  if (f.to !== undefined) c.push(`ts < ${p.add(f.to, '::float8')}`);
  if (f.sid !== undefined) c.push(`sid = ${p.add(f.sid, '::int8')}`);
  if (f.gid !== undefined) c.push(`gid = ${p.add(f.gid, '::int4')}`);
  if (f.node !== undefined) c.push(`node = ${p.add(f.node, '::text')}`);
  if (f.classtype !== undefined) c.push(`classtype = ${p.add(f.classtype, '::text')}`);
  if (f.priority !== undefined) c.push(`priority = ${p.add(f.priority, '::int4')}`);
  if (f.proto !== undefined) c.push(`proto = ${p.add(f.proto, '::text')}`);
  if (f.communityId !== undefined) c.push(`community_id = ${p.add(f.communityId, '::text')}`);
  const either = (a: string, b: string, v: unknown, cast: string) => {
    const x = p.add(v, cast);
    c.push(`(${a} = ${x} OR ${b} = ${x})`);
  };
  if (f.pod !== undefined) either('src_pod', 'dst_pod', f.pod, '::text');
  if (f.namespace !== undefined) either('src_ns', 'dst_ns', f.namespace, '::text');
  if (f.addr !== undefined) {
    const side = scope.addrSide ?? 'either';
    if (side === 'either') either('src_addr', 'dst_addr', f.addr, '::text');
    else {
      const x = p.add(f.addr, '::text');
      c.push(side === 'src' ? `src_addr = ${x}` : `dst_addr = ${x} AND src_addr IS DISTINCT FROM ${x}`);
    }
  }
  if (f.port !== undefined) either('src_port', 'dst_port', f.port, '::int4');
  if (scope.msgs !== undefined) c.push(`msg = ANY(${p.add(scope.msgs, '::text[]')})`);
  return c;
}
