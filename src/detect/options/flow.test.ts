import { describe, expect, it } from 'vitest';
import { compileText, diagnosticsOf, makeFlow, makePacket } from '../testkit.js';
import { EvalContext } from '../context.js';
import { evalRule } from '../eval.js';
import type { Flow } from '../../flow/flow.js';

function run(options: string, flow: Flow | null, dir: 0 | 1, rebuilt = false): boolean {
  const p = makePacket('x');
  const ctx = new EvalContext();
  ctx.beginUnit(p, flow, dir, p.data, 0, p.payLen, rebuilt, false, null);
  return evalRule(compileText(options), ctx);
}

describe('flow', () => {
  const p = makePacket('x');
  it('direction and establishment', () => {
    const f = makeFlow(p, true);
    expect(run('flow:to_server,established', f, 0)).toBe(true);
    expect(run('flow:from_client', f, 0)).toBe(true);
    expect(run('flow:to_server', f, 1)).toBe(false);
    expect(run('flow:to_client', f, 1)).toBe(true);
    expect(run('flow:not_established', f, 0)).toBe(false);
    expect(run('flow:not_established', makeFlow(p, false), 0)).toBe(true);
    expect(run('flow:established', null, 0)).toBe(false);
    expect(run('flow:stateless', null, 0)).toBe(true);
  });

  it('no_stream / only_stream', () => {
    const f = makeFlow(p, true);
    expect(run('flow:no_stream', f, 0, false)).toBe(true);
    expect(run('flow:no_stream', f, 0, true)).toBe(false);
    expect(run('flow:only_stream', f, 0, true)).toBe(true);
    expect(run('flow:only_stream', f, 0, false)).toBe(false);
  });

  it('stream_size compares per-direction byte counts', () => {
    const f = makeFlow(p, true);
    f.stream[0] = 500;
    f.stream[1] = 2000;
    expect(run('stream_size:to_server,<,1000', f, 0)).toBe(true);
    expect(run('stream_size:server,<,1111', f, 0)).toBe(false);
    expect(run('stream_size:either,>,1500', f, 0)).toBe(true);
    expect(run('stream_size:both,>,1500', f, 0)).toBe(false);
    expect(run('stream_size:to_client,!=,2000', f, 0)).toBe(false);
    expect(run('stream_size:either,>,0', null, 0)).toBe(false);
    expect(diagnosticsOf('stream_size:up,<,1')[0]!.message).toMatch(/direction/);
  });

  it('rejects conflicting and unknown words', () => {
    expect(diagnosticsOf('flow:to_server,to_client')[0]!.message).toMatch(/conflicts/);
    expect(diagnosticsOf('flow:sideways')[0]!.message).toMatch(/unknown/);
  });
});
