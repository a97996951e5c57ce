import type { Alert } from '../../api/types.js';
import type { Column } from '../../ui/data-table.js';
import { Time } from '../../ui/time.js';

/** `10.0.0.1:443`, `[fd00::1]:443`, or the address alone when the protocol has no ports. */
type Maybe<T> = T | null | undefined;

export function endpoint(
  addr: Maybe<string>,
  port: Maybe<number>,
  pod?: Maybe<string>,
  ns?: Maybe<string>,
): string {
  if (addr === undefined || addr === null) return '';
  const a = addr.includes(':') ? `[${addr}]` : addr;
  const hostPort = port === undefined || port === null || port === 0 ? addr : `${a}:${port}`;
  return pod !== undefined && pod !== null ? `${hostPort} (${ns ?? ''}/${pod})` : hostPort;
}

export function Priority({ p }: { p: Maybe<number> }) {
  if (p === undefined || p === null) return <span className="muted">—</span>;
  return <span className={`badge p${Math.min(p, 4)}`}>{p}</span>;
}

/** The columns every alert table shares; `sort` names the API's sort key. */
export const ALERT_COLUMNS: Column<Alert>[] = [
  { key: 'ts', header: 'Time', sort: 'ts', render: (a) => <Time ts={a.ts} />, className: 'nowrap' },
  { key: 'priority', header: 'Pri', sort: 'priority', render: (a) => <Priority p={a.priority} /> },
  {
    key: 'sid',
    header: 'SID',
    sort: 'sid',
    render: (a) => `${a.gid}:${a.sid}:${a.rev}`,
    className: 'mono nowrap',
  },
  { key: 'msg', header: 'Message', render: (a) => a.msg, className: 'wide' },
  { key: 'class', header: 'Class', render: (a) => a.classtype ?? a.class ?? '', className: 'nowrap' },
  { key: 'proto', header: 'Proto', render: (a) => a.proto ?? '' },
  {
    key: 'src',
    header: 'Source',
    render: (a) => endpoint(a.src_addr, a.src_port, a.src_pod, a.src_ns),
    className: 'mono',
  },
  {
    key: 'dst',
    header: 'Destination',
    render: (a) => endpoint(a.dst_addr, a.dst_port, a.dst_pod, a.dst_ns),
    className: 'mono',
  },
  { key: 'node', header: 'Node', render: (a) => a.node, className: 'nowrap' },
];
