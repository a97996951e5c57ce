import type { AlertRecord } from './alert-record.js';
import { formatFast } from './alert-fast.js';
import { formatJson } from './alert-json.js';

export interface AlertFormat {
  /** File name Snort's logger uses under `-l DIR`. */
  fileName: string;
  format(a: AlertRecord): string;
}

export const AlertFormats = {
  fast: { fileName: 'alert_fast.txt', format: formatFast },
  json: { fileName: 'alert_json.txt', format: formatJson },
} satisfies Record<string, AlertFormat>;

export type AlertFormatName = keyof typeof AlertFormats;

export function isAlertFormatName(s: string): s is AlertFormatName {
  return Object.hasOwn(AlertFormats, s);
}
