import type { AlertRecord } from './alert-record.js';
import { snortTime } from './addr.js';

function ap(addr: string, port: number | null): string {
  return port === null ? addr : `${addr}:${port}`;
}

/** Snort's alert_fast line. */
export function formatFast(a: AlertRecord): string {
  const cls = a.classDesc === null ? '' : ` [Classification: ${a.classDesc}]`;
  return (
    `${snortTime(a.tsSec, a.tsUsec)} [**] [${a.gid}:${a.sid}:${a.rev}] "${a.msg}" [**]${cls}` +
    ` [Priority: ${a.priority}] {${a.proto}} ${ap(a.srcAddr, a.srcPort)} -> ${ap(a.dstAddr, a.dstPort)}`
  );
}
