import type { Finding } from '../finding.js';
import type { AuditFormat } from './format.js';

/** One finding as the JSON contract gives it (also the body of an upload to the server). */
export function findingJson(f: Finding) {
  return {
    id: f.id,
    topic: f.topic,
    severity: f.severity,
    object: f.object,
    path: f.path,
    message: f.message,
    remediation: f.remediation,
    file: f.file,
    line: f.line,
  };
}

/** The contract of `vigil audit --format json`; `file` and `line` are additions. */
export const jsonFormat: AuditFormat = {
  render(r) {
    return JSON.stringify({ findings: r.findings.map(findingJson) }, null, 2) + '\n';
  },
};
