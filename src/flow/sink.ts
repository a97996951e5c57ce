import type { Packet } from '../packet/packet.js';
import type { Dir, Flow } from './flow.js';
import type { PduClock } from './tcp-stream.js';

/** Where the flow engine delivers reassembled TCP data (and, optionally, the end of each flow). */
export interface StreamSink {
  /**
   * The flow of the packet being processed is known (found or created), before its TCP segment is tracked:
   * what is raised from now on while this packet is processed (a retransmission, an overlap …) is this flow's.
   */
  onPacketFlow?(flow: Flow, pkt: Packet): void;
  /**
   * In-order bytes `data[start..end)` of direction `dir`. `data` is the stream's own buffer: valid only
   * during the call. `pkt` is the packet that caused the flush (for flushes by `expire`/`flushAll`, a
   * packet carrying only the flush time). `clock.at(k)`: the capture time (µs) of the segment that brought
   * byte `k` of the PDU; `clock.at(0)` is the time Snort gives the reassembled packet (0 when unknown).
   */
  onPdu(
    flow: Flow,
    dir: Dir,
    data: Uint8Array,
    start: number,
    end: number,
    pkt: Packet,
    clock: PduClock,
  ): void;
  /**
   * The flow leaves the table (reason: an `EndReason`); its record is recycled after the call. `pkt` carries
   * only the time (as for flushes by `expire`): what parsers emit at the end belongs to `flow`, not to the
   * packet being processed, which may be another flow's.
   */
  onFlowEnd?(flow: Flow, reason: number, pkt: Packet): void;
}
