import { describe, expect, it } from 'vitest';
import type { WeirdRecord } from './streams/weird.js';
import { WeirdPolicy } from './weird-policy.js';

function w(name: string, ts: number, orig: string | null = '10.0.0.1', origPort = 1000): WeirdRecord {
  return {
    ts,
    uid: orig === null ? null : `C${origPort}`,
    'id.orig_h': orig,
    'id.orig_p': orig === null ? null : origPort,
    'id.resp_h': orig === null ? null : '10.0.0.2',
    'id.resp_p': orig === null ? null : 80,
    name,
    addl: null,
    notice: false,
    peer: null,
    source: null,
    community_id: null,
  };
}

describe('WeirdPolicy (Zeek Weird::do_weird)', () => {
  it('logs a name once per connection per 10 minutes of capture time', () => {
    const p = new WeirdPolicy();
    expect(p.admit(w('stream_retransmit', 0))).toBe(true);
    expect(p.admit(w('stream_retransmit', 599.9))).toBe(false);
    expect(p.admit(w('stream_retransmit', 10, '10.0.0.1', 1001))).toBe(true);
    expect(p.admit(w('other', 10))).toBe(true);
    expect(p.admit(w('stream_retransmit', 600))).toBe(true);
  });

  it('flowless weirds share one identifier', () => {
    const p = new WeirdPolicy();
    expect(p.admit(w('truncated_IP', 0, null))).toBe(true);
    expect(p.admit(w('truncated_IP', 1, null))).toBe(false);
  });

  it('ignores what Zeek ignores, limits per-host ones to one a day, marks notices', () => {
    const p = new WeirdPolicy();
    expect(p.admit(w('spontaneous_FIN', 0))).toBe(false);
    expect(p.admit(w('unsolicited_SYN_response', 0))).toBe(false);
    expect(p.admit(w('SYN_with_data', 0, '10.0.0.1', 1))).toBe(true);
    expect(p.admit(w('SYN_with_data', 700, '10.0.0.1', 2))).toBe(false);
    expect(p.admit(w('SYN_with_data', 700, '10.0.0.9', 2))).toBe(true);
    expect(p.admit(w('SYN_with_data', 86_400, '10.0.0.1', 3))).toBe(true);
    const n = w('SYN_after_partial', 0);
    expect(p.admit(n)).toBe(true);
    expect(n.notice).toBe(true);
    expect(p.admit(w('simultaneous_open', 0, '10.0.0.1', 5))).toBe(true);
    expect(p.admit(w('simultaneous_open', 900, '10.0.0.1', 5))).toBe(false);
  });

  it('forgets expired entries as capture time passes (bounded memory)', () => {
    const p = new WeirdPolicy();
    for (let i = 0; i < 1000; i++) p.admit(w('x', i, '10.0.0.1', i));
    p.admit(w('x', 5000, '10.0.0.1', 99_999));
    const size = (p as unknown as { repeats: Map<string, number> }).repeats.size;
    expect(size).toBe(1);
  });
});
