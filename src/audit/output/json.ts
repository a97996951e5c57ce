import type { AuditFormat } from './format.js';

/** The contract of `vigil audit --format json`; `file` and `line` are additions. */
export const jsonFormat: AuditFormat = {
  render(r) {
    const findings = r.findings.map((f) => ({
      id: f.id,
      topic: f.topic,
      severity: f.severity,
      object: f.object,
      path: f.path,
      message: f.message,
      remediation: f.remediation,
      file: f.file,
      line: f.line,
    }));
    return JSON.stringify({ findings }, null, 2) + '\n';
  },
};
