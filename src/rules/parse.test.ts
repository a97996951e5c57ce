import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../core/errors.js';
import { classificationOf } from './classifications.js';
import { createParseContext, parseRules } from './parse.js';
import { ip4InSet, portInSet } from './sets.js';

function parse(text: string, vars?: Record<string, string>) {
  return parseRules(text, 'test.rules', createParseContext(vars ? { vars } : {}));
}
const diags = (text: string) => parse(text).diagnostics.map(formatDiagnostic);

describe('parseRules: statements', () => {
  it('parses several rules, skipping comments and commented-out rules', () => {
    const r = parse(
      [
        '# a comment',
        '# alert tcp any any -> any any (msg:"off"; sid:9;)',
        'alert tcp any any -> any 80 (msg:"one"; content:"a"; sid:1;)',
        '',
        '   alert udp any any -> any 53 ( msg:"two"; sid:2; rev:3; )  # trailing comment',
      ].join('\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.rules.map((x) => [x.sid, x.line, x.msg, x.proto, x.rev])).toEqual([
      [1, 3, 'one', 'tcp', 1],
      [2, 5, 'two', 'udp', 3],
    ]);
  });

  it('joins backslash continuations and keeps option positions', () => {
    const r = parse('alert tcp any any -> any any \\\n  (msg:"m"; \\\n   content:"x"; sid:5;)\r\n');
    expect(r.diagnostics).toEqual([]);
    const rule = r.rules[0]!;
    expect(rule.text).toBe('alert tcp any any -> any any   (msg:"m";    content:"x"; sid:5;)');
    expect(rule.options).toEqual([{ name: 'content', args: '"x"', line: 3, col: 4 }]);
  });

  it('accepts a multi-line option list without backslashes, with comment lines inside', () => {
    const r = parse(
      'alert tcp any any -> any any (\n  msg:"multi";\n# note\n  content:"y";\n  sid:6;\n)\nalert ip any any -> any any (sid:7;)',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.rules.map((x) => [x.sid, x.line])).toEqual([
      [6, 1],
      [7, 7],
    ]);
    expect(r.rules[0]!.options[0]).toEqual({ name: 'content', args: '"y"', line: 4, col: 3 });
  });

  it('reports an unterminated rule and continues at the next rule', () => {
    const r = parse('alert tcp any any -> any any (msg:"x"; sid:1;\nalert tcp any any -> any any (sid:2;)');
    expect(r.rules.map((x) => x.sid)).toEqual([2]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      "test.rules:1:1: error: unterminated rule: missing ')'",
    ]);
  });

  it('splits options on ; outside quotes and honours escapes', () => {
    const r = parse(
      'alert tcp any any -> any any (msg:"a \\"q\\" \\; b\\\\"; content:"x;y|3B|"; pcre:"/a\\;b/"; nocase_x; sid:1)',
    );
    expect(r.diagnostics).toEqual([]);
    const rule = r.rules[0]!;
    expect(rule.msg).toBe('a "q" ; b\\');
    expect(rule.options.map((o) => [o.name, o.args])).toEqual([
      ['content', '"x;y|3B|"'],
      ['pcre', '"/a\\;b/"'],
      ['nocase_x', null],
    ]);
  });
});

describe('parseRules: headers', () => {
  it('resolves addresses, ports, variables and direction', () => {
    const r = parse('alert tcp $EXTERNAL_NET [1024:,!8080] <> $HOME_NET $HTTP_PORTS (sid:1;)', {
      HOME_NET: '[10.0.0.0/8,192.168.0.0/16]',
      EXTERNAL_NET: '!$HOME_NET',
    });
    expect(r.diagnostics).toEqual([]);
    const x = r.rules[0]!;
    expect(x.bidirectional).toBe(true);
    expect(x.sport.ranges).toEqual([1024, 8079, 8081, 65535]);
    expect(x.dst.v4).toEqual([0x0a000000, 0x0affffff, 0xc0a80000, 0xc0a8ffff]);
    expect(ip4InSet(x.src, 0x08080808) && !ip4InSet(x.src, 0x0a000001)).toBe(true);
    expect(portInSet(x.dport, 8080)).toBe(true);
  });

  it('accepts header-less service and file rules and maps Suricata protocols', () => {
    const r = parse(
      [
        'alert http (msg:"h"; http_uri; content:"x"; sid:1;)',
        'alert file (msg:"f"; file_data; content:"MZ"; sid:2;)',
        'alert smb any any -> any any (sid:3;)',
        'alert tls any any -> any 443 (sid:4; service:ssl,http;)',
        'alert tcp (sid:5;)',
      ].join('\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.rules.map((x) => [x.proto, x.services, x.src.any && x.dport.any])).toEqual([
      ['http', ['http'], true],
      ['file', [], true],
      ['netbios-ssn', ['netbios-ssn'], true],
      ['ssl', ['ssl', 'http'], false],
      ['tcp', [], true],
    ]);
  });

  it('accepts IPv6 addresses mixed with IPv4 in lists', () => {
    const r = parse('alert tcp [2001:db8::/32, 10.0.0.0/8,!10.1.0.0/16] any -> ::1 any (sid:1;)');
    expect(r.diagnostics).toEqual([]);
    const x = r.rules[0]!;
    expect(x.src.v4).toEqual([0x0a000000, 0x0a00ffff, 0x0a020000, 0x0affffff]);
    expect(x.src.v6.length).toBe(2);
    expect(x.dst.v4).toEqual([]);
    expect(Array.from(x.dst.v6[0]!)).toEqual([...new Array(15).fill(0), 1]);
  });

  it('reports text after the closing parenthesis', () => {
    expect(diags('alert tcp any any -> any any (sid:1;) junk')).toEqual([
      "test.rules:1:39: error: unexpected text after rule: 'junk'",
    ]);
  });

  it('reports header errors with their columns', () => {
    expect(diags('alert tcp any any -> 10.0.0.300 80 (sid:1;)')).toEqual([
      "test.rules:1:22: error: bad address '10.0.0.300'",
    ]);
    expect(diags('alert tcp any any -> any [80,!any] (sid:1;)')).toEqual([
      "test.rules:1:30: error: '!any' is not allowed",
    ]);
    expect(diags('alert tcp $NOPE any -> any any (sid:1;)')).toEqual([
      "test.rules:1:11: error: undefined variable '$NOPE'",
    ]);
    expect(diags('alert tcp any any => any any (sid:1;)')).toEqual([
      "test.rules:1:19: error: bad direction '=>' (expected -> or <>)",
    ]);
    expect(diags('alert tcp any any any (sid:1;)')).toEqual([
      "test.rules:1:11: error: rule header needs 'src sport -> dst dport' (got 3 fields)",
    ]);
    expect(diags('  warn tcp any any -> any any (sid:1;)')).toEqual([
      "test.rules:1:3: error: unknown statement 'warn'",
    ]);
  });
});

describe('parseRules: metadata options', () => {
  const rule =
    'alert tcp any any -> any any (msg:"M"; flow:established; content:"x"; reference:cve,2020-1234; ' +
    'reference:url,example.com/a,b; metadata:policy balanced-ips drop, service http, ruleset community; ' +
    'service:dns; classtype:attempted-admin; gid:3; sid:42; rev:7; rem:"note"; tag:session,10,packets;)';

  it('moves metadata options into fields and keeps detection options in order', () => {
    const r = parse(rule);
    expect(r.diagnostics).toEqual([]);
    const x = r.rules[0]!;
    expect([x.gid, x.sid, x.rev, x.msg, x.classtype, x.priority]).toEqual([
      3,
      42,
      7,
      'M',
      'attempted-admin',
      1,
    ]);
    expect(x.references).toEqual([
      { system: 'cve', id: '2020-1234' },
      { system: 'url', id: 'example.com/a,b' },
    ]);
    expect(x.metadata).toEqual([
      ['policy', 'balanced-ips drop'],
      ['service', 'http'],
      ['ruleset', 'community'],
    ]);
    expect(x.services).toEqual(['http', 'dns']);
    expect(x.options.map((o) => o.name)).toEqual(['flow', 'content', 'rem', 'tag']);
    expect(x.legacy).toBe(false);
  });

  it('takes priority from priority:, else the classtype, else 3', () => {
    const r = parse(
      [
        'alert tcp any any -> any any (classtype:misc-activity; priority:1; sid:1;)',
        'alert tcp any any -> any any (classtype:bad-unknown; sid:2;)',
        'alert tcp any any -> any any (sid:3;)',
      ].join('\n'),
    );
    expect(r.rules.map((x) => x.priority)).toEqual([1, 2, 3]);
    expect(classificationOf('trojan-activity')).toEqual({
      name: 'trojan-activity',
      description: 'A Network Trojan was detected',
      priority: 1,
    });
    expect(classificationOf('nope')).toBeUndefined();
  });

  it('reports unknown classtype, missing or bad sid, repeated options', () => {
    expect(
      diags(
        [
          'alert tcp any any -> any any (classtype:nope; sid:1;)',
          'alert tcp any any -> any any (msg:"no sid";)',
          'alert tcp any any -> any any (sid:abc;)',
          'alert tcp any any -> any any (sid:1; sid:2;)',
        ].join('\n'),
      ),
    ).toEqual([
      "test.rules:1:31: error: unknown classtype 'nope'",
      'test.rules:2:1: error: rule has no sid',
      "test.rules:3:31: error: sid requires an integer >= 1, got 'abc'",
      "test.rules:4:38: error: 'sid' given more than once",
    ]);
  });

  it('extends the classification table from config lines', () => {
    const r = parse(
      'config classification: my-class,My Class,2\nalert tcp any any -> any any (classtype:my-class; sid:1;)',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.rules[0]!.priority).toBe(2);
  });

  it('keeps the higher rev of a duplicate gid:sid, with a warning', () => {
    const r = parse(
      [
        'alert tcp any any -> any any (msg:"a"; sid:1; rev:2;)',
        'alert tcp any any -> any any (msg:"b"; sid:1; rev:1;)',
        'alert tcp any any -> any any (msg:"c"; sid:1; rev:2;)',
        'alert tcp any any -> any any (msg:"d"; gid:2; sid:1;)',
      ].join('\n'),
    );
    expect(r.rules.map((x) => x.msg)).toEqual(['c', 'd']);
    expect(r.diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [2, 'warning'],
      [3, 'warning'],
    ]);
  });
});

describe('parseRules: variables and legacy rules', () => {
  it('defines variables from var/ipvar/portvar lines', () => {
    const r = parse(
      [
        'ipvar MY_NET [192.168.0.0/16,!192.168.1.0/24]',
        'portvar MY_PORTS [8000:8100,9000]',
        'var OTHER $MY_NET',
        'alert tcp $OTHER any -> any $MY_PORTS (sid:1;)',
      ].join('\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.rules[0]!.src.v4).toEqual([0xc0a80000, 0xc0a800ff, 0xc0a80200, 0xc0a8ffff]);
    expect(r.rules[0]!.dport.ranges).toEqual([8000, 8100, 9000, 9000]);
  });

  it('converts legacy rules and marks them', () => {
    const r = parse(
      'alert tcp any any -> any any (msg:"x"; content:"GET"; http_method; content:"/a"; nocase; http_uri; sid:1;)',
    );
    const x = r.rules[0]!;
    expect(x.legacy).toBe(true);
    expect(x.options.map((o) => (o.args === null ? o.name : `${o.name}:${o.args}`))).toEqual([
      'http_method',
      'content:"GET"',
      'http_uri',
      'content:"/a",nocase',
    ]);
  });

  it('reports include without a resolver', () => {
    expect(diags('include other.rules')).toEqual([
      "test.rules:1:1: error: include not supported here: 'other.rules'",
    ]);
  });
});
