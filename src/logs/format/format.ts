import type { LogRecord, LogStream } from '../types.js';

/** How a log file is written: text before the first row, one row per record, text at close. */
export interface LogFormat {
  header(stream: LogStream, open: Date): string;
  row(stream: LogStream, rec: LogRecord): string;
  footer(close: Date): string;
}
