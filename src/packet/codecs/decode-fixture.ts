import { EventCounts } from '../../core/counters.js';
import { Decoder } from '../decode.js';
import type { DecoderOptions } from '../decode.js';
import { Packet } from '../packet.js';

/** Decode one frame of `linktype` with fresh counters: what the codec tests assert on. */
export function decodeFrame(
  data: Uint8Array,
  linktype = 1,
  opts: DecoderOptions = {},
): { ok: boolean; pkt: Packet; events: Record<string, number> } {
  const counts = new EventCounts();
  const pkt = new Packet();
  const ok = new Decoder(counts, opts).decode(
    { tsSec: 1, tsUsec: 2, caplen: data.length, wirelen: data.length, linktype, iface: 0, data, offset: 0 },
    1,
    pkt,
  );
  return { ok, pkt, events: counts.toJSON() };
}
