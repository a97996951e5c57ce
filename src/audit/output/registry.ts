import type { AuditFormat } from './format.js';
import { jsonFormat } from './json.js';
import { junitFormat } from './junit.js';
import { sarifFormat } from './sarif.js';
import { tableFormat } from './table.js';

export const AuditFormats = {
  table: tableFormat,
  json: jsonFormat,
  sarif: sarifFormat,
  junit: junitFormat,
} satisfies Record<string, AuditFormat>;
export type AuditFormatName = keyof typeof AuditFormats;
