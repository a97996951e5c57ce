import type { AlertIn } from '../store/store.js';

/** Split Snort's `addr:port` at the last colon (IPv6 addresses contain colons; `[v6]:port` is accepted too). */
export function splitAp(ap: unknown): { addr: string | null; port: number | null } {
  if (typeof ap !== 'string' || ap === '') return { addr: null, port: null };
  const i = ap.lastIndexOf(':');
  if (i < 0) return { addr: ap, port: null };
  let addr = ap.slice(0, i);
  const portText = ap.slice(i + 1);
  if (addr.startsWith('[') && addr.endsWith(']')) addr = addr.slice(1, -1);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : null;
  return port === null ? { addr: ap, port: null } : { addr, port };
}

/**
 * An alert as `vigil ids -A json` prints it → what the store keeps: the same object plus the server
 * columns docs/api.md lists (`ts`, `src_addr`, `src_port`, `dst_addr`, `dst_port`, `node` when the alert
 * does not name one). Fields the client sent win over nothing; derived ones are recomputed.
 */
export function alertIn(a: AlertIn, batchNode: string): AlertIn {
  const usec = typeof a.ts_usec === 'number' ? a.ts_usec : 0;
  const src = splitAp(a['src_ap']);
  const dst = splitAp(a['dst_ap']);
  return {
    ...a,
    ts: a.seconds + usec / 1e6,
    node: typeof a['node'] === 'string' && a['node'] !== '' ? a['node'] : batchNode,
    src_addr: src.addr,
    src_port: src.port,
    dst_addr: dst.addr,
    dst_port: dst.port,
  };
}
