import type { LogFormat } from './format.js';
import { JSON_FORMAT } from './json.js';
import { TSV_FORMAT } from './tsv.js';

/** Log file formats by their `--format` name. */
export const LOG_FORMATS = {
  tsv: TSV_FORMAT,
  json: JSON_FORMAT,
} as const satisfies Record<string, LogFormat>;

export type LogFormatName = keyof typeof LOG_FORMATS;

export function isLogFormatName(s: string): s is LogFormatName {
  return Object.prototype.hasOwnProperty.call(LOG_FORMATS, s);
}
