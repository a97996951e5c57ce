import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../core/errors.js';
import { loadRules } from './load.js';
import { portInSet } from './sets.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'vigil-rules-'));
  for (const [name, text] of Object.entries(files)) {
    const p = join(root, name);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
  }
  return root;
}

describe('loadRules', () => {
  it('loads a directory of *.rules in sorted order and resolves includes relative to the includer', async () => {
    const root = tree({
      'b.rules': 'alert tcp any any -> any any (sid:2;)',
      'a.rules': 'portvar P 8080\ninclude sub/inc.rules\nalert tcp any any -> any $Q (sid:1;)',
      'sub/inc.rules': 'portvar Q 9090\nalert tcp any any -> any $P (sid:3;)',
      'ignored.txt': 'not rules',
    });
    const r = await loadRules([root]);
    expect(r.diagnostics).toEqual([]);
    expect(r.rules.map((x) => x.sid)).toEqual([3, 1, 2]);
    expect(r.files.map((f) => f.slice(root.length + 1))).toEqual(['a.rules', 'sub/inc.rules', 'b.rules']);
    expect(r.rules[0]!.dport.ranges).toEqual([8080, 8080]);
    expect(r.rules[1]!.dport.ranges).toEqual([9090, 9090]);
  });

  it('reports include cycles and missing files with locations', async () => {
    const root = tree({
      'x.rules': 'include y.rules\nalert tcp any any -> any any (sid:1;)',
      'y.rules': '\ninclude x.rules\ninclude missing.rules',
    });
    const r = await loadRules([join(root, 'x.rules'), join(root, 'none.rules')], {});
    expect(r.rules.map((x) => x.sid)).toEqual([1]);
    const d = r.diagnostics.map((x) => formatDiagnostic(x).replaceAll(root + '/', ''));
    expect(d[0]).toBe('y.rules:2:1: error: include cycle: x.rules -> y.rules -> x.rules');
    expect(d[1]).toMatch(/^y\.rules:3:1: error: cannot read include 'missing\.rules'/);
    expect(d[2]).toMatch(/none\.rules:1:1: error: cannot read/);
    const empty = await loadRules([join(root, 'none-dir')].concat(tree({ 'x.txt': '' })));
    expect(empty.diagnostics.map((x) => x.severity)).toEqual(['error', 'warning']);
  });

  it('expands variables in include paths', async () => {
    const root = tree({
      'main.rules': 'include $RULE_PATH/r.rules',
      'lib/r.rules': 'alert ip any any -> any any (sid:4;)',
    });
    const r = await loadRules([join(root, 'main.rules')], { vars: { RULE_PATH: 'lib' } });
    expect(r.diagnostics).toEqual([]);
    expect(r.rules.map((x) => x.sid)).toEqual([4]);
  });

  it('applies variable overrides and reports duplicates across files', async () => {
    const root = tree({
      '1.rules': 'alert tcp any any -> $HOME_NET any (sid:7; rev:1;)',
      '2.rules': 'alert tcp any any -> $HOME_NET any (sid:7; rev:2;)',
    });
    const r = await loadRules([root], { vars: { HOME_NET: '10.0.0.0/8' } });
    expect(r.rules.map((x) => [x.sid, x.rev, x.dst.v4])).toEqual([[7, 2, [0x0a000000, 0x0affffff]]]);
    expect(r.diagnostics.map((x) => [x.severity, x.line])).toEqual([['warning', 1]]);
  });
});

describe('Snort 3 community ruleset', () => {
  it('parses all 4,029 rules with no diagnostics', async () => {
    const r = await loadRules(['rules/snort3-community']);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(r.rules.length).toBe(4029);
    expect(r.rules.filter((x) => x.legacy).length).toBe(0);
    expect(new Set(r.rules.map((x) => `${x.gid}:${x.sid}`)).size).toBe(4029);

    const bySid = new Map(r.rules.map((x) => [x.sid, x]));
    const r105 = bySid.get(105)!;
    expect(r105.options.find((o) => o.name === 'content')!.args).toBe(
      '"2|00 00 00 06 00 00 00|Drives|24 00|",depth 16',
    );
    expect([r105.msg, r105.rev, r105.classtype, r105.priority]).toEqual([
      'MALWARE-BACKDOOR - Dagger_1.4.0',
      14,
      'misc-activity',
      3,
    ]);
    expect(r105.sport).toEqual({ any: false, ranges: [2589, 2589] });
    expect(bySid.get(110)!.dport).toEqual({ any: false, ranges: [12345, 12346] });

    const http = r.rules.find((x) => x.text.includes('-> $HOME_NET $HTTP_PORTS'))!;
    expect([80, 81, 8080, 55555].every((p) => portInSet(http.dport, p))).toBe(true);
    expect([443, 82, 0].some((p) => portInSet(http.dport, p))).toBe(false);

    const svc = r.rules.filter((x) => x.proto === 'http');
    expect(svc.length).toBe(4);
    expect(svc.every((x) => x.services.includes('http') && x.src.any && x.dport.any)).toBe(true);
    expect(r.rules.filter((x) => x.services.includes('http')).length).toBeGreaterThan(2200);
  });
});
