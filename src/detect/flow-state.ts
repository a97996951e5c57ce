import type { Flow } from '../flow/flow.js';

/** Detection state kept in `flow.detect`: the flowbits bitset (bit ids assigned at compile time). */
export class DetectFlowState {
  bits: Uint32Array;
  /** Session rules (ssl_state, ssl_version) that alerted: rule index × 2 + direction. */
  alerted: Set<number> | null = null;
  constructor(bitCount: number) {
    this.bits = new Uint32Array(Math.max(1, (bitCount + 31) >>> 5));
  }

  /** True the first time a session rule alerts in this direction of the flow. */
  firstAlert(ruleIndex: number, dir: 0 | 1): boolean {
    const key = ruleIndex * 2 + dir;
    this.alerted ??= new Set();
    if (this.alerted.has(key)) return false;
    this.alerted.add(key);
    return true;
  }
}

/** The flow's detection state, created on first use (once per flow, not per packet). */
export function flowState(flow: Flow, bitCount: number): DetectFlowState {
  let st = flow.detect;
  if (!(st instanceof DetectFlowState)) {
    st = new DetectFlowState(bitCount);
    flow.detect = st;
  }
  const s = st as DetectFlowState;
  if (s.bits.length << 5 < bitCount) {
    const grown = new Uint32Array((bitCount + 31) >>> 5);
    grown.set(s.bits);
    s.bits = grown;
  }
  return s;
}

export function testBit(bits: Uint32Array, id: number): boolean {
  return (bits[id >>> 5]! & (1 << (id & 31))) !== 0;
}

export function setBit(bits: Uint32Array, id: number): void {
  bits[id >>> 5]! |= 1 << (id & 31);
}

export function clearBit(bits: Uint32Array, id: number): void {
  bits[id >>> 5]! &= ~(1 << (id & 31));
}
