import { LOG_STREAMS } from '../logs/streams/registry.js';
import type { LogField } from '../logs/types.js';
import type { LogKind } from './store.js';

/** SQL types an extracted column may have. */
export type ColumnType = 'text' | 'float8' | 'int8' | 'int4' | 'bool' | 'text[]';

/** A Zeek field copied out of the record into its own column, so filters on it can use an index. */
export interface ExtractedColumn {
  readonly field: string;
  readonly column: string;
  readonly type: ColumnType;
  /** Index (column, ts) — for the fields people look up by value. */
  readonly indexed: boolean;
}

const col = (field: string, type: ColumnType, indexed = false, column = field): ExtractedColumn => ({
  field,
  column,
  type,
  indexed,
});

/** Every flow-based log starts with these (ts and node are columns of every log table anyway). */
const ID_COLUMNS: readonly ExtractedColumn[] = [
  col('uid', 'text'),
  col('id.orig_h', 'text', true, 'orig_h'),
  col('id.orig_p', 'int4', false, 'orig_p'),
  col('id.resp_h', 'text', true, 'resp_h'),
  col('id.resp_p', 'int4', true, 'resp_p'),
  col('community_id', 'text'),
];

/**
 * The extracted columns of each log table. The whole record is kept as jsonb (`rec`) too, so any other
 * Zeek field can still be filtered (`rec->>'field'`) and every record comes back exactly as ingested.
 */
export const LOG_COLUMNS: Record<LogKind, readonly ExtractedColumn[]> = {
  conn: [
    ...ID_COLUMNS,
    col('proto', 'text'),
    col('service', 'text', true),
    col('conn_state', 'text'),
    col('history', 'text'),
    col('duration', 'float8'),
    col('orig_bytes', 'int8'),
    col('resp_bytes', 'int8'),
  ],
  dns: [
    ...ID_COLUMNS,
    col('query', 'text', true),
    col('qtype_name', 'text'),
    col('rcode_name', 'text'),
    col('answers', 'text[]'),
  ],
  http: [
    ...ID_COLUMNS,
    col('method', 'text'),
    col('host', 'text', true),
    col('uri', 'text'),
    col('status_code', 'int4'),
    col('user_agent', 'text'),
  ],
  ssl: [
    ...ID_COLUMNS,
    col('version', 'text'),
    col('server_name', 'text', true),
    col('cipher', 'text'),
    col('established', 'bool'),
  ],
};

export const logTable = (kind: LogKind): string => `log_${kind}`;

/** The Zeek fields of a log (its stream's columns): the only names a query may filter or sort on. */
export function logFields(kind: LogKind): ReadonlyMap<string, LogField> {
  return new Map(LOG_STREAMS[kind].fields.map((f) => [f.name, f]));
}
