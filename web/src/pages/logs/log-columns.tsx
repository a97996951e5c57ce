import type { LogKind, LogRecord } from '../../api/types.js';
import type { Column } from '../../ui/data-table.js';
import { Time } from '../../ui/time.js';
import { Value } from '../../ui/value.js';

/** The fields a results table shows per log (Zeek's names); a row's detail shows every field. */
export const LOG_FIELDS: Record<LogKind, string[]> = {
  conn: [
    'id.orig_h',
    'id.orig_p',
    'id.resp_h',
    'id.resp_p',
    'proto',
    'service',
    'duration',
    'orig_bytes',
    'resp_bytes',
    'conn_state',
  ],
  dns: ['id.orig_h', 'id.resp_h', 'query', 'qtype_name', 'rcode_name', 'answers'],
  http: ['id.orig_h', 'id.resp_h', 'id.resp_p', 'method', 'host', 'uri', 'status_code', 'user_agent'],
  ssl: ['id.orig_h', 'id.resp_h', 'id.resp_p', 'version', 'server_name', 'established'],
};

const WIDE = new Set(['uri', 'user_agent', 'query', 'server_name', 'host', 'answers']);

export function logColumns(kind: LogKind): Column<LogRecord>[] {
  return [
    {
      key: 'ts',
      header: 'ts',
      sort: 'ts',
      render: (r) => <Time ts={typeof r['ts'] === 'number' ? r['ts'] : null} />,
      className: 'nowrap',
    },
    ...LOG_FIELDS[kind].map((f) => ({
      key: f,
      header: f,
      sort: f,
      render: (r: LogRecord) => <Value v={r[f]} />,
      className: WIDE.has(f) ? 'mono wide break' : 'mono',
    })),
  ];
}

/** A stable key for a record: its uid plus its time and position (several http records share a uid). */
export function recordKey(r: LogRecord, i: number): string {
  return `${String(r['uid'] ?? '')}/${String(r['ts'] ?? '')}/${String(r['trans_depth'] ?? '')}/${i}`;
}
