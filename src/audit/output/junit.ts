import type { AuditFormat } from './format.js';

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One test case per audited object; each finding on it is a <failure>. CI systems show them per object. */
export const junitFormat: AuditFormat = {
  render(r) {
    const byObject = new Map<string, typeof r.findings>();
    const key = (o: { kind: string; namespace: string | null; name: string }) =>
      `${o.kind}/${o.namespace ? o.namespace + '/' : ''}${o.name}`;
    for (const o of r.objects) byObject.set(key(o), []);
    for (const f of r.findings) byObject.set(key(f.object), [...(byObject.get(key(f.object)) ?? []), f]);
    const cases: string[] = [];
    let failures = 0;
    for (const [name, fs] of byObject) {
      if (fs.length > 0) failures++;
      const body = fs
        .map(
          (f) =>
            `      <failure type="${xml(f.id)}" message="${xml(`${f.severity}: ${f.message}`)}">${xml(`${f.path}\n${f.remediation}`)}</failure>`,
        )
        .join('\n');
      cases.push(
        fs.length
          ? `    <testcase classname="vigil.audit" name="${xml(name)}">\n${body}\n    </testcase>`
          : `    <testcase classname="vigil.audit" name="${xml(name)}"/>`,
      );
    }
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="vigil audit" tests="${byObject.size}" failures="${failures}">`,
      `  <testsuite name="vigil audit" tests="${byObject.size}" failures="${failures}" errors="0">`,
      ...cases,
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n');
  },
};
