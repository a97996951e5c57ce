/**
 * The little the store needs from a database driver, so one body of SQL serves PGlite and PostgreSQL.
 * Both speak PostgreSQL's dialect; bulk loading (`copyFrom`) is the one engine-specific path.
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

/** A connection inside one transaction. */
/** COPY data: all at once, or chunks made on demand (the first throwing aborts the COPY). */
export type CopyData = string | Uint8Array | Iterable<Uint8Array>;

export interface TxSql extends Sql {
  /**
   * `COPY … FROM STDIN` with its data, text or binary format (a stream on PostgreSQL, a blob on PGlite).
   * Data given as chunks is produced while PostgreSQL stores the chunks before it.
   */
  copyFrom(copySql: string, data: CopyData): Promise<void>;
}

export interface Db extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /** The schema the store lives in when it is not the connection's default (created by migrate). */
  readonly schema?: string;
  /** Run `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (q: TxSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Quote an identifier that is known to be safe or comes from the catalog (never from a request). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
