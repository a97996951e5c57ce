import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOW_CONFIG } from '../flow/config.js';
import { flowFlags } from './run-flags.js';

describe('--max-flows', () => {
  it("defaults to Snort 3's stream.max_flows", () => {
    expect(flowFlags({})).toEqual({});
    expect(DEFAULT_FLOW_CONFIG.maxFlows).toBe(476_288);
  });

  it('takes a count and refuses anything else as a usage error', () => {
    expect(flowFlags({ maxFlows: '1000' })).toEqual({ maxFlows: 1000 });
    for (const bad of ['0', '-1', '1.5', 'x', '', String(2 ** 27)])
      expect(() => flowFlags({ maxFlows: bad })).toThrow(/--max-flows expects a count/);
  });
});
