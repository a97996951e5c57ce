import type { EventCounts } from '../../core/counters.js';

/** Largest reassembled stub kept; later fragments of a bigger call are dropped (counted). */
export const MAX_STUB = 65536;

/**
 * Fragment reassembly of one direction's call stubs: fragments of one call id are appended from its first
 * fragment to its last. A fragment of another call, or a middle fragment without a first, restarts it.
 */
export class Defrag {
  private callId = -1;
  private ctxId = 0;
  private parts: Uint8Array[] = [];
  private size = 0;

  reset(): void {
    this.callId = -1;
    this.parts = [];
    this.size = 0;
  }

  /** Add one fragment's stub; returns the whole call once its last fragment is in, else null. */
  add(
    callId: number,
    first: boolean,
    last: boolean,
    ctxId: number,
    stub: Uint8Array,
    events: EventCounts,
  ): { ctxId: number; stub: Uint8Array } | null {
    if (first) {
      this.reset();
      this.callId = callId;
      this.ctxId = ctxId;
    } else if (callId !== this.callId) {
      events.add('dce_rpc_frag_without_first');
      this.reset();
      return null;
    }
    const room = MAX_STUB - this.size;
    if (stub.length > room) events.add('dce_rpc_reassembly_truncated');
    if (room > 0) {
      const part = stub.length > room ? stub.subarray(0, room) : stub;
      this.parts.push(part);
      this.size += part.length;
    }
    if (!last) return null;
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    const whole = { ctxId: this.ctxId, stub: out };
    this.reset();
    return whole;
  }
}
