import type { EventCounts } from '../../core/counters.js';
import {
  DcePtype,
  HEADER_LEN,
  PFC_FIRST_FRAG,
  PFC_LAST_FRAG,
  newHeader,
  readBind,
  readBindAck,
  readCall,
  readHeader,
  type CallBody,
  type DceHeader,
  type ContextItem,
} from './pdu.js';
import { Defrag } from './defrag.js';

/** A byte range (structurally the detector's BufferView). */
export interface DceView {
  data: Uint8Array;
  off: number;
  len: number;
}

/** One request or response as the dce_* options and dce_stub_data see it. */
export interface DcePdu {
  dir: 0 | 1;
  ptype: number;
  /** Interface UUID of the PDU's presentation context ('' when no bind for it was seen). */
  iface: string;
  /** Major version of that interface. */
  ifaceVersion: number;
  /** Operation number (a response takes its request's); -1 when unknown. */
  opnum: number;
  /** First fragment, unfragmented call, or a reassembled call (dce_iface without any_frag). */
  firstFrag: boolean;
  /** Integer byte order from the PDU's data representation (byte_test/byte_jump `dce`). */
  little: boolean;
  /** The stub (a copy, valid after the callback). */
  stub: DceView;
  /** True for the stub of a whole fragmented call, delivered after its last fragment. */
  reassembled: boolean;
  /** Bytes of this direction's stream up to the end of this PDU. */
  streamEnd: number;
}

export interface DceSink {
  dcePdu(p: DcePdu): void;
}

/** Contexts and outstanding calls kept per connection; both tables are cleared when full. */
const MAX_CONTEXTS = 256;
const MAX_CALLS = 256;

class DirState {
  /** The incomplete PDU at the end of what was fed, sized to its fragment (so ≤ 64 KiB), and its fill. */
  buf: Uint8Array | null = null;
  bufLen = 0;
  /** Stream offset of the first byte not yet consumed as a whole PDU. */
  consumed = 0;
  dead = false;
  readonly defrag = new Defrag();
}

/**
 * DCE/RPC connection-oriented state of one transport connection (TCP port 135 and friends, or an SMB
 * named pipe): PDU framing over any chunking, presentation contexts from bind / alter_context that
 * the server accepted, opnums of outstanding calls, and fragment reassembly of request and response
 * stubs (Windows policy: the first fragment's context, the last fragment's opnum).
 */
export class DceSession {
  private readonly dirs = [new DirState(), new DirState()] as const;
  private readonly contexts = new Map<number, ContextItem>();
  /** Contexts of the last bind / alter_context, until its ack says which were accepted. */
  private proposed: ContextItem[] = [];
  private readonly calls = new Map<number, number>();
  private readonly h = newHeader();
  private readonly call: CallBody = { ctxId: 0, opnum: 0, stubOff: 0, stubEnd: 0 };

  constructor(private readonly events: EventCounts) {}

  /** False once a direction lost PDU framing (its bytes are then not DCE/RPC). */
  alive(dir: 0 | 1): boolean {
    return !this.dirs[dir].dead;
  }

  feed(dir: 0 | 1, data: Uint8Array, off: number, len: number, sink: DceSink): void {
    const d = this.dirs[dir];
    const end = Math.min(off + Math.max(0, len), data.length);
    let p = off;
    while (p < end && !d.dead) {
      if (d.buf !== null) {
        p = this.fill(dir, d, data, p, end, sink);
        continue;
      }
      if (end - p < HEADER_LEN) {
        this.hold(d, HEADER_LEN, data, p, end);
        return;
      }
      if (!this.header(d, data, p, end)) return;
      const n = this.h.fragLen;
      if (end - p < n) {
        this.hold(d, n, data, p, end);
        return;
      }
      d.consumed += n;
      this.pdu(dir, d, data, p, sink);
      p += n;
    }
  }

  /** Start holding an incomplete PDU in a buffer of its final size (each byte is copied once). */
  private hold(d: DirState, size: number, data: Uint8Array, p: number, end: number): void {
    d.buf = new Uint8Array(size);
    d.buf.set(data.subarray(p, end));
    d.bufLen = end - p;
  }

  /** Add bytes to the held PDU; inspect it once complete. Returns the next unread input offset. */
  private fill(dir: 0 | 1, d: DirState, data: Uint8Array, p: number, end: number, sink: DceSink): number {
    const buf = d.buf!;
    const n = Math.min(end - p, buf.length - d.bufLen);
    buf.set(data.subarray(p, p + n), d.bufLen);
    d.bufLen += n;
    if (d.bufLen < buf.length) return p + n;
    if (!this.header(d, buf, 0, buf.length)) return end;
    const fragLen = this.h.fragLen;
    if (buf.length < fragLen) {
      // Only the header was held: grow to the whole fragment.
      d.buf = new Uint8Array(fragLen);
      d.buf.set(buf);
      return p + n;
    }
    d.buf = null;
    d.bufLen = 0;
    d.consumed += fragLen;
    this.pdu(dir, d, buf, 0, sink);
    return p + n;
  }

  private header(d: DirState, b: Uint8Array, p: number, end: number): boolean {
    if (readHeaderChecked(b, p, end, this.h, this.events)) return true;
    d.dead = true;
    d.buf = null;
    return false;
  }

  private pdu(dir: 0 | 1, d: DirState, b: Uint8Array, off: number, sink: DceSink): void {
    const h = this.h;
    switch (h.ptype) {
      case DcePtype.bind:
      case DcePtype.alter_context: {
        const items = readBind(b, off, h);
        if (items === null) this.events.add('dce_rpc_truncated_bind');
        else this.proposed = items;
        return;
      }
      case DcePtype.bind_ack:
      case DcePtype.alter_context_resp: {
        const ok = readBindAck(b, off, h);
        if (ok === null) return this.events.add('dce_rpc_truncated_bind_ack');
        if (this.contexts.size + ok.length > MAX_CONTEXTS) this.contexts.clear();
        ok.forEach((accepted, i) => {
          const item = this.proposed[i];
          if (accepted && item !== undefined) this.contexts.set(item.ctxId, item);
        });
        this.proposed = [];
        return;
      }
      case DcePtype.request:
      case DcePtype.response:
        return this.callPdu(dir, d, b, off, sink);
      default:
        return;
    }
  }

  private callPdu(dir: 0 | 1, d: DirState, b: Uint8Array, off: number, sink: DceSink): void {
    const h = this.h;
    const c = this.call;
    if (!readCall(b, off, h, c)) return this.events.add('dce_rpc_truncated_call');
    if (h.ptype === DcePtype.request) {
      if (this.calls.size >= MAX_CALLS) this.calls.clear();
      this.calls.set(h.callId, c.opnum);
    } else c.opnum = this.calls.get(h.callId) ?? -1;
    const first = (h.flags & PFC_FIRST_FRAG) !== 0;
    const last = (h.flags & PFC_LAST_FRAG) !== 0;
    const stub = b.slice(c.stubOff, c.stubEnd);
    sink.dcePdu(this.event(dir, d, c.ctxId, c.opnum, first, stub, false));
    if (first && last) {
      d.defrag.reset();
      return;
    }
    const whole = d.defrag.add(h.callId, first, last, c.ctxId, stub, this.events);
    if (whole !== null) {
      if (h.ptype === DcePtype.response) this.calls.delete(h.callId);
      sink.dcePdu(this.event(dir, d, whole.ctxId, c.opnum, true, whole.stub, true));
    }
  }

  private event(
    dir: 0 | 1,
    d: DirState,
    ctxId: number,
    opnum: number,
    firstFrag: boolean,
    stub: Uint8Array,
    reassembled: boolean,
  ): DcePdu {
    const ctx = this.contexts.get(ctxId) ?? this.proposed.find((x) => x.ctxId === ctxId);
    return {
      dir,
      ptype: this.h.ptype,
      iface: ctx?.uuid ?? '',
      ifaceVersion: ctx?.version ?? 0,
      opnum,
      firstFrag,
      little: this.h.little,
      stub: { data: stub, off: 0, len: stub.length },
      reassembled,
      streamEnd: d.consumed,
    };
  }
}

function readHeaderChecked(
  b: Uint8Array,
  p: number,
  end: number,
  h: DceHeader,
  events: EventCounts,
): boolean {
  if (!readHeader(b, p, end, h)) {
    events.add('dce_rpc_bad_version');
    return false;
  }
  if (h.fragLen < HEADER_LEN) {
    events.add('dce_rpc_frag_len_lt_header');
    return false;
  }
  return true;
}
