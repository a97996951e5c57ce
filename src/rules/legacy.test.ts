import { describe, expect, it } from 'vitest';
import type { RuleOption } from './ast.js';
import {
  type LegacyProblem,
  convertLegacy,
  isLegacy,
  renameSuricataBuffers,
  splitPcreFlags,
} from './legacy.js';

/** Minimal option splitter for test input (no ';' inside the quoted strings used here). */
function opts(s: string): RuleOption[] {
  return s
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p, i) => {
      const c = p.indexOf(':');
      return {
        name: c < 0 ? p : p.slice(0, c),
        args: c < 0 ? null : p.slice(c + 1).trim(),
        line: 1,
        col: i + 1,
      };
    });
}

const text = (o: RuleOption[]): string =>
  o.map((x) => (x.args === null ? x.name : `${x.name}:${x.args}`)).join('; ');

function convert(s: string): string {
  const o = opts(s);
  expect(isLegacy(o)).toBe(true);
  const problems: LegacyProblem[] = [];
  const out = text(convertLegacy(o, problems));
  expect(problems).toEqual([]);
  return out;
}

describe('legacy conversion (suricata-verify examples)', () => {
  it('moves buffer modifiers in front of their content', () => {
    expect(convert('content:"POST"; http_method; content:"dummy"; http_cookie;')).toBe(
      'http_method; content:"POST"; http_cookie; content:"dummy"',
    );
  });

  it('converts a rule with several buffers and a content modifier', () => {
    expect(
      convert(
        'flow:to_server; content:"POST"; http_method; content:"/"; http_uri; content:"Mozilla"; http_header; ' +
          'content:"dummy"; http_cookie; content:"body"; nocase; http_client_body;',
      ),
    ).toBe(
      'flow:to_server; http_method; content:"POST"; http_uri; content:"/"; http_header; content:"Mozilla"; ' +
        'http_cookie; content:"dummy"; http_client_body; content:"body",nocase',
    );
  });

  it('folds distance/within into the content args', () => {
    expect(convert('content:"AllWorkAndNoPlayMakesWill"; content:"DullBoy"; distance:1; within:7;')).toBe(
      'content:"AllWorkAndNoPlayMakesWill"; content:"DullBoy",distance 1,within 7',
    );
  });

  it('keeps base64 decoding after a uri content', () => {
    expect(
      convert(
        'content:"arg"; http_uri; base64_decode:bytes 17, offset 1, relative; base64_data; content:"thisisatest";',
      ),
    ).toBe(
      'http_uri; content:"arg"; base64_decode:bytes 17, offset 1, relative; base64_data; content:"thisisatest"',
    );
  });
});

describe('legacy conversion details', () => {
  it('returns to pkt_data for later plain contents', () => {
    expect(convert('content:"a"; http_uri; content:"b"; nocase; depth:4; offset:2;')).toBe(
      'http_uri; content:"a"; pkt_data; content:"b",nocase,depth 4,offset 2',
    );
  });

  it('converts uricontent, rawbytes and fast_pattern forms', () => {
    expect(convert('uricontent:"/x"; nocase; content:"y"; rawbytes; content:"z"; fast_pattern:only;')).toBe(
      'http_uri; content:"/x",nocase; raw_data; content:"y"; pkt_data; content:"z",fast_pattern',
    );
    expect(convert('content:"abcdef"; fast_pattern:1,3;')).toBe(
      'content:"abcdef",fast_pattern,fast_pattern_offset 1,fast_pattern_length 3',
    );
  });

  it('moves pcre buffer flags into sticky buffers', () => {
    expect(convert('pcre:"/a+b/Ui"; pcre:!"/c/smH"; pcre:"/d/B";')).toBe(
      'http_uri; pcre:"/a+b/i"; http_header; pcre:!"/c/sm"; pkt_data; pcre:"/d/"',
    );
    expect(splitPcreFlags('"/x\\/y/Ri"')).toEqual({ args: '"/x\\/y/Ri"', buffer: null, hadFlags: false });
  });

  it('keeps file_data sticky across modifier-selected buffers', () => {
    expect(convert('file_data; content:"a"; content:"b"; http_header; content:"c"; nocase;')).toBe(
      'file_data; content:"a"; http_header; content:"b"; file_data; content:"c",nocase',
    );
  });

  it('reports a modifier without a content', () => {
    const problems: LegacyProblem[] = [];
    convertLegacy(opts('nocase; content:"x";'), problems);
    expect(problems.map((p) => [p.opt.col, p.message])).toEqual([
      [1, "'nocase' without a preceding content"],
    ]);
  });
});

describe('legacy detection', () => {
  const legacy = (s: string) => isLegacy(opts(s));
  it('recognizes Snort 3 sticky buffers as not legacy', () => {
    expect(legacy('http_uri; content:"a"; content:"b",distance 0;')).toBe(false);
    expect(legacy('content:"a"; http_header; content:"b";')).toBe(false);
    expect(legacy('content:"a",nocase; http_raw_uri; bufferlen:>500;')).toBe(false);
    expect(legacy('pcre:"/x/smiR";')).toBe(false);
  });
  it('recognizes the three legacy conditions', () => {
    expect(legacy('content:"a"; nocase;')).toBe(true);
    expect(legacy('content:"a"; http_uri;')).toBe(true);
    expect(legacy('content:"a"; http_uri; flow:to_server; file_data; content:"b";')).toBe(true);
    expect(legacy('uricontent:"a";')).toBe(true);
    expect(legacy('pcre:"/a/U";')).toBe(true);
  });
});

describe('Suricata sticky buffers', () => {
  it('are renamed to Snort 3 buffers, with field selectors where Snort 3 has no own buffer', () => {
    const o = renameSuricataBuffers(
      opts('http.uri; content:"a"; http.user_agent; content:"b"; file.data; content:"c";'),
    );
    expect(text(o)).toBe(
      'http_uri; content:"a"; http_header:field user-agent; content:"b"; file_data; content:"c"',
    );
    expect(isLegacy(o)).toBe(false);
  });
});
