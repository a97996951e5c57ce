import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '../core/errors.js';
import { makeDirSync } from '../core/make-dir.js';
import type { LogFormat } from './format/format.js';
import { LOG_FORMATS, type LogFormatName } from './format/registry.js';
import { CONTRACT_STREAMS, LOG_STREAMS, type StreamName, type StreamRecords } from './streams/registry.js';
import type { LogStream } from './types.js';
import { WeirdPolicy } from './weird-policy.js';

/** What a `-z N` worker's RowCollector hands over: rendered rows per stream, and weird records. */
export interface LogRows {
  text: [StreamName, string][];
  weirds: StreamRecords['weird'][];
}

/** Where log records go: files (`openLogs`), memory (`MemoryLogs`), later the server's ingest. */
export interface LogSink {
  write<N extends StreamName>(stream: N, rec: StreamRecords[N]): void;
  close(): void;
}

export interface OpenLogsOptions {
  /** Streams whose file is created at open even if nothing is written (default: conn, dns, http, ssl, weird). */
  eager?: readonly StreamName[];
  /** Clock for `#open` / `#close` (default: wall clock). */
  now?: () => Date;
  /** Bytes buffered per file before a write (default 64 KiB). */
  bufferBytes?: number;
}

/** One open log file with a write buffer: rows are joined in memory and written in large chunks. */
class LogFile {
  private fd: number;
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly path: string,
    readonly stream: LogStream,
    private readonly limit: number,
  ) {
    try {
      this.fd = openSync(path, 'w');
    } catch (e) {
      throw new VigilError('E_IO', `cannot create log ${path}: ${(e as Error).message}`, { cause: e });
    }
  }

  add(text: string): void {
    if (text.length === 0) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.limit) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    try {
      writeSync(this.fd, text);
    } catch (e) {
      throw new VigilError('E_IO', `cannot write log ${this.path}: ${(e as Error).message}`, { cause: e });
    }
  }

  close(trailer: string): void {
    this.add(trailer);
    this.flush();
    closeSync(this.fd);
  }
}

/** Log files `DIR/<stream>.log` in one format. */
export class LogSet implements LogSink {
  private readonly files = new Map<StreamName, LogFile>();
  private readonly fmt: LogFormat;
  private readonly now: () => Date;
  private readonly limit: number;
  private readonly weirds = new WeirdPolicy();
  private closed = false;

  constructor(
    readonly dir: string,
    readonly format: LogFormatName,
    opts: OpenLogsOptions = {},
  ) {
    this.fmt = LOG_FORMATS[format];
    this.now = opts.now ?? (() => new Date());
    this.limit = opts.bufferBytes ?? 1 << 16;
    try {
      makeDirSync(dir);
    } catch (e) {
      throw new VigilError('E_IO', `cannot create log directory ${dir}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    for (const s of opts.eager ?? CONTRACT_STREAMS) this.file(s);
  }

  write<N extends StreamName>(stream: N, rec: StreamRecords[N]): void {
    if (this.closed) throw new VigilError('E_INTERNAL', `log write to ${stream} after close`);
    if (stream === 'weird' && !this.weirds.admit(rec as StreamRecords['weird'])) return;
    const f = this.file(stream);
    f.add(this.fmt.row(f.stream, rec));
  }

  /** Rows already rendered in this set's format (by `RowCollector`, on another thread), appended as is. */
  writeRows(stream: StreamName, text: string): void {
    if (this.closed) throw new VigilError('E_INTERNAL', `log write to ${stream} after close`);
    this.file(stream).add(text);
  }

  /** Write trailers and close every file. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const trailer = this.fmt.footer(this.now());
    for (const f of this.files.values()) f.close(trailer);
  }

  private file(name: StreamName): LogFile {
    let f = this.files.get(name);
    if (f === undefined) {
      const stream = LOG_STREAMS[name];
      f = new LogFile(join(this.dir, `${stream.path}.log`), stream, this.limit);
      f.add(this.fmt.header(stream, this.now()));
      this.files.set(name, f);
    }
    return f;
  }
}

/** Open `DIR/<stream>.log` files for writing in `format` (Zeek TSV by default). */
export function openLogs(dir: string, format: LogFormatName = 'tsv', opts: OpenLogsOptions = {}): LogSet {
  return new LogSet(dir, format, opts);
}

/** Keeps records in memory, per stream (tests, and batching for the server's ingest). */
export class MemoryLogs implements LogSink {
  readonly records: { [N in StreamName]: StreamRecords[N][] } = {
    conn: [],
    dns: [],
    http: [],
    ssl: [],
    weird: [],
    ssh: [],
    x509: [],
    tunnel: [],
  };

  write<N extends StreamName>(stream: N, rec: StreamRecords[N]): void {
    this.records[stream].push(rec);
  }

  close(): void {}
}

/**
 * Renders records in a format and keeps the text per stream until `take`: a `-z N` worker's log sink, whose
 * rows the main thread appends to its `LogSet` with `writeRows` (one set of files for all threads).
 */
export class RowCollector implements LogSink {
  private readonly fmt: LogFormat;
  private rows = new Map<StreamName, string[]>();
  private weirds: StreamRecords['weird'][] = [];

  constructor(format: LogFormatName) {
    this.fmt = LOG_FORMATS[format];
  }

  write<N extends StreamName>(stream: N, rec: StreamRecords[N]): void {
    if (stream === 'weird') {
      // Which weirds are logged depends on every thread's (per host, flowless): decided where rows meet.
      this.weirds.push(rec as StreamRecords['weird']);
      return;
    }
    let l = this.rows.get(stream);
    if (l === undefined) this.rows.set(stream, (l = []));
    l.push(this.fmt.row(LOG_STREAMS[stream], rec));
  }

  /** The rows rendered since the last call, joined per stream, and the weird records (not rendered). */
  take(): LogRows {
    const text: [StreamName, string][] = [];
    for (const [s, l] of this.rows) text.push([s, l.join('')]);
    this.rows = new Map();
    const weirds = this.weirds;
    this.weirds = [];
    return { text, weirds };
  }

  close(): void {}
}
