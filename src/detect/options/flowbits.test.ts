import { describe, expect, it } from 'vitest';
import { compileText, diagnosticsOf } from '../testkit.js';
import { FlowbitsOp, type FlowbitsState } from './flowbits.js';

function state(args: string): FlowbitsState {
  const cr = compileText(`flowbits:${args}; content:"x"`);
  return (cr.setters[0] ?? cr.ops.find((o) => o.spec.name === 'flowbits')?.state) as FlowbitsState;
}

describe('flowbits parsing', () => {
  it('ops, & / | lists and groups', () => {
    expect(state('set,a&b').bits).toHaveLength(2);
    expect(state('set,a&b').all).toBe(true);
    expect(state('isset,a|b').all).toBe(false);
    expect(state('setx,a,g').group).toBeGreaterThanOrEqual(0);
    expect(state('isset,any,g').all).toBe(false);
    expect(state('isnotset,all,g').all).toBe(true);
    expect(state('reset').op).toBe(FlowbitsOp.RESET);
    expect(compileText('flowbits:noalert; content:"x"').noalert).toBe(true);
    expect(compileText('flowbits:isset,a; content:"x"').setters).toHaveLength(0);
  });

  it('rejects invalid forms', () => {
    expect(diagnosticsOf('flowbits:flip,a')[0]!.message).toMatch(/unknown operation/);
    expect(diagnosticsOf('flowbits:set')[0]!.message).toMatch(/requires bits/);
    expect(diagnosticsOf('flowbits:set,a|b')[0]!.message).toMatch(/only allowed with isset/);
    expect(diagnosticsOf('flowbits:isset,a|b&c')[0]!.message).toMatch(/cannot mix/);
    expect(diagnosticsOf('flowbits:setx,a')[0]!.message).toMatch(/requires a group/);
    expect(diagnosticsOf('flowbits:noalert,a')[0]!.message).toMatch(/no bits/);
    expect(diagnosticsOf('flowbits:set,a b')[0]!.message).toMatch(/invalid bit name/);
  });
});
