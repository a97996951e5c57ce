import type { Flow } from '../flow/flow.js';
import type { ConnTracker } from '../logs/conn.js';
import type { LogSink } from '../logs/log-set.js';
import type { Packet } from '../packet/packet.js';

/** Events that are statistics, not anomalies: they are counted but not written to weird.log. */
const NOT_WEIRD = new Set(['non_ip', 'eth_llc_other', 'event_queue_overflow', 'event_queue_not_logged']);

/**
 * Writes each named anomaly (decoder event, stream event, protocol weird) as a weird.log row, with the time
 * and connection of the packet being processed when it was raised; one raised while a flow ends carries that
 * flow and the time of its last packet.
 */
export class WeirdLog {
  private pkt: Packet | null = null;
  private flow: Flow | null = null;
  /** Time of the ending flow's last packet while `during` runs, else -1. */
  private endTs = -1;
  readonly listener: (name: string, n: number) => void;

  constructor(
    private readonly logs: LogSink,
    private readonly conn: ConnTracker,
  ) {
    this.listener = (name) => this.raise(name);
  }

  /** Set the packet (and flow, once known) that events raised from now on belong to. */
  at(pkt: Packet, flow: Flow | null): void {
    this.pkt = pkt;
    this.flow = flow;
  }

  /**
   * Run `fn` (a flow's end: parsers flush, truncated messages are reported) with its events on `flow` at the
   * time of its last packet, then go back to the packet being processed. A flow ends on a timeout or an
   * eviction while another flow's packet is processed, or at the end of input; the packet being processed
   * then says nothing about the ending flow (and with `-z N` it depends on the thread).
   */
  during(flow: Flow, fn: () => void): void {
    const was = this.flow;
    this.flow = flow;
    this.endTs = flow.lastTsSec + flow.lastTsUsec / 1e6;
    try {
      fn();
    } finally {
      this.flow = was;
      this.endTs = -1;
    }
  }

  /**
   * Write weird `name` for the packet and flow being processed: every counted event (through `listener`),
   * and the weirds of Zeek's TCP analysis in ConnTracker, which are not counted events.
   */
  raise(name: string): void {
    if (NOT_WEIRD.has(name) || this.pkt === null) return;
    const id = this.flow === null ? null : this.conn.idOf(this.flow);
    this.logs.write('weird', {
      ts: this.endTs >= 0 ? this.endTs : this.pkt.tsSec + this.pkt.tsUsec / 1e6,
      uid: id?.uid ?? null,
      'id.orig_h': id?.['id.orig_h'] ?? null,
      'id.orig_p': id?.['id.orig_p'] ?? null,
      'id.resp_h': id?.['id.resp_h'] ?? null,
      'id.resp_p': id?.['id.resp_p'] ?? null,
      name,
      addl: null,
      notice: false,
      peer: null,
      source: null,
      community_id: id?.community_id ?? null,
    });
  }
}
