import type { Log, ReportingDescriptor, Result } from 'sarif';
import { PostureChecks } from '../checks/registry.js';
import type { Severity } from '../finding.js';
import type { AuditFormat } from './format.js';

const Level: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
/** GitHub code scanning reads `security-severity` (0-10) to rank alerts. */
const Score: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

function uri(file: string): string {
  return file.split('\\').join('/').replace(/^\.\//, '');
}

/** SARIF 2.1.0: one rule per check, one result per finding, located at the field's line in its manifest. */
export const sarifFormat: AuditFormat = {
  render(r) {
    const rules: ReportingDescriptor[] = PostureChecks.map((c) => ({
      id: c.id,
      name: c.id,
      shortDescription: { text: `${c.topic}: ${c.id}` },
      help: { text: c.remediation },
      defaultConfiguration: { level: Level[c.severity] },
      properties: { tags: ['security', 'kubernetes', c.topic], 'security-severity': Score[c.severity] },
    }));
    const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
    const results: Result[] = r.findings.map((f) => ({
      ruleId: f.id,
      ruleIndex: ruleIndex.get(f.id) ?? 0,
      level: Level[f.severity],
      message: {
        text: `${f.object.kind} ${f.object.namespace ? f.object.namespace + '/' : ''}${f.object.name}: ${f.message}. ${f.remediation}`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uri(f.file) },
            region: { startLine: Math.max(1, f.line) },
          },
          logicalLocations: [
            {
              fullyQualifiedName: `${f.object.kind}/${f.object.namespace ?? ''}/${f.object.name}:${f.path}`,
              kind: 'object',
            },
          ],
        },
      ],
      properties: { severity: f.severity, topic: f.topic, path: f.path },
    }));
    const log: Log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'vigil', version: r.toolVersion, rules } }, results }],
    };
    return JSON.stringify(log, null, 2) + '\n';
  },
};
