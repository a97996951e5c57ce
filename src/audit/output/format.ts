import type { Finding } from '../finding.js';

/** What every output format gets: the findings and the objects audited (JUnit lists clean ones as passed). */
export interface AuditReport {
  findings: Finding[];
  objects: { kind: string; namespace: string | null; name: string; file: string }[];
  toolVersion: string;
}

export interface AuditFormat {
  render(r: AuditReport): string;
}
