import { describe, expect, it } from 'vitest';
import type { Rule } from '../rules/ast.js';
import { EventQueue, longestPattern } from './event-queue.js';

function rule(sid: number, contents: string[], priority = 3): Rule {
  return {
    file: 't.rules',
    line: sid,
    text: '',
    action: 'alert',
    proto: 'icmp',
    src: { any: true, v4: [], v6: [] },
    dst: { any: true, v4: [], v6: [] },
    sport: { any: true, ranges: [] },
    dport: { any: true, ranges: [] },
    bidirectional: false,
    options: contents.map((c) => ({ name: 'content', args: c, line: sid, col: 1 })),
    gid: 1,
    sid,
    rev: 1,
    msg: `r${sid}`,
    classtype: null,
    priority,
    references: [],
    metadata: [],
    services: [],
    legacy: false,
  };
}

describe('event queue', () => {
  it('measures contents in bytes, hex and escapes included', () => {
    expect(longestPattern(rule(1, ['"|10 11 12|ab",depth 32', '"a\\"b"']))).toBe(5);
    expect(longestPattern(rule(2, ['!"speedera"']))).toBe(8);
    expect(longestPattern(rule(3, []))).toBe(0);
  });

  it('logs the three longest-content events (Snort 3 defaults)', () => {
    const q = new EventQueue<{ rule: Rule }>();
    const fired = [
      rule(366, ['"|10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F|"']),
      rule(384, []),
      rule(480, ['"speedera"']),
      rule(29456, ['!"0123456789abcdefghijklmnopqrstuv"']),
    ];
    // 29456 (32-byte negated pattern) outranks 366 (16 bytes); 384 (no content) is not logged.
    for (const r of fired) q.add({ rule: r });
    const out: number[] = [];
    q.flush((e) => out.push(e.rule.sid));
    expect(out).toEqual([29456, 366, 480]);
    expect(q.suppressed).toBe(1);
    const again: number[] = [];
    q.flush((e) => again.push(e.rule.sid));
    expect(again).toEqual([]);
  });

  it('breaks content-length ties by the higher sid, as Snort 3 does', () => {
    // traffic-seed1.pcap packet 4113: Snort logs 1122, 1762 and 1147 ("cat "), not 886 ("/phf").
    const q = new EventQueue<{ rule: Rule }>();
    for (const r of [
      rule(1122, ['"/etc/passwd"']),
      rule(1762, ['"/phf"', '"|0A|/"']),
      rule(886, ['"/phf"']),
      rule(1147, ['"cat "']),
    ])
      q.add({ rule: r });
    const out: number[] = [];
    q.flush((e) => out.push(e.rule.sid));
    expect(out).toEqual([1122, 1762, 1147]);
  });

  it('orders by priority when asked, ties by the lower sid, and counts overflow', () => {
    const q = new EventQueue<{ rule: Rule }>({ maxQueue: 2, log: 2, order: 'priority' });
    q.add({ rule: rule(1, [], 3) });
    q.add({ rule: rule(3, [], 1) });
    q.add({ rule: rule(2, [], 1) });
    const out: number[] = [];
    q.flush((e) => out.push(e.rule.sid));
    expect(out).toEqual([3, 1]);
    expect(q.overflow).toBe(1);
  });
});
