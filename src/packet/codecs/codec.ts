import type { Decoder } from '../decode.js';
import type { Packet } from '../packet.js';

/**
 * One protocol layer. `decode` reads pkt.data[off, end) — `end` is where this layer's bytes stop (the
 * capture end, or a length field of an enclosing layer) — fills its fields and hands the rest to the
 * decoder's dispatch. Returns false after counting a named event when the layer is malformed.
 */
export interface Codec {
  /** Snort's codec name (`eth`, `vlan`, `ipv4`, `tcp` …). */
  readonly name: string;
  decode(dec: Decoder, pkt: Packet, off: number, end: number): boolean;
}
