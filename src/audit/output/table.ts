import { Severities, type Finding } from '../finding.js';
import type { AuditFormat } from './format.js';

function objectName(f: Finding): string {
  return `${f.object.kind}/${f.object.namespace ? f.object.namespace + '/' : ''}${f.object.name}`;
}

/** Columns padded to their widest cell; the message column is last so long messages do not push others. */
export const tableFormat: AuditFormat = {
  render(r) {
    if (r.findings.length === 0) return `no findings in ${r.objects.length} objects\n`;
    // Most severe first; within a severity, in input order (sort is stable).
    const sorted = [...r.findings].sort(
      (a, b) => Severities.indexOf(a.severity) - Severities.indexOf(b.severity),
    );
    const rows = [
      ['SEVERITY', 'CHECK', 'OBJECT', 'PATH', 'MESSAGE'],
      ...sorted.map((f) => [f.severity.toUpperCase(), f.id, objectName(f), f.path, f.message]),
    ];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
    const lines = rows.map((row) =>
      row
        .map((cell, i) => (i < 4 ? cell.padEnd(widths[i] ?? 0) : cell))
        .join('  ')
        .trimEnd(),
    );
    const bySeverity = new Map<string, number>();
    for (const f of r.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
    const summary = [...bySeverity].map(([s, n]) => `${n} ${s}`).join(', ');
    return `${lines.join('\n')}\n\n${r.findings.length} findings (${summary}) in ${r.objects.length} objects\n`;
  },
};
