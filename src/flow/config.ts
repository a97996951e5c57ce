/** Flow-table configuration, its defaults (Snort 3's stream_* defaults where they exist) and statistics. */
export interface FlowConfig {
  /** Idle timeout of an established (or closing) TCP session, seconds (stream_tcp.session_timeout). */
  tcpTimeout: number;
  /** Idle timeout of a TCP session not (yet) established, or closed, seconds. */
  tcpUnestTimeout: number;
  udpTimeout: number;
  icmpTimeout: number;
  /** Other IP protocols. */
  ipTimeout: number;
  /** Flow cap; beyond it the least recently used flow is evicted (`flow_lru_evict`). */
  maxFlows: number;
  /** TCP stream reassembly on/off. Off: flows and TCP state are still tracked, nothing reaches the sink. */
  reassemble: boolean;
  /** Largest PDU handed to the sink. */
  maxPdu: number;
  /**
   * In-order bytes held per direction waiting for the peer's ACK (Snort 3's stream_tcp.queue_limit.max_bytes);
   * beyond it they are flushed in maxPdu chunks without one (one-sided captures, lost ACKs).
   */
  maxUnacked: number;
  /** Out-of-order bytes queued per direction; a segment beyond it is dropped (`stream_memcap`). */
  streamMemcap: number;
  /** Out-of-order bytes queued over all flows; a segment beyond it is dropped (`stream_flow_memcap`). */
  flowMemcap: number;
  /**
   * `flow:established` for UDP/ICMP/IP from the first packet instead of once both directions were seen.
   * Off by default: Snort 3's stream_udp marks a session established only after traffic in both
   * directions (see NOTES.md).
   */
  udpEstablishedOnFirst: boolean;
}

export const DEFAULT_FLOW_CONFIG: Readonly<FlowConfig> = {
  tcpTimeout: 3600,
  tcpUnestTimeout: 30,
  udpTimeout: 180,
  icmpTimeout: 30,
  ipTimeout: 180,
  // Snort 3's stream.max_flows: at ~1 KB a bare flow (more with data waiting), a flood stays well under 1 GB.
  maxFlows: 476_288,
  reassemble: true,
  maxPdu: 16384,
  maxUnacked: 4 << 20,
  streamMemcap: 1 << 20,
  flowMemcap: 256 << 20,
  udpEstablishedOnFirst: false,
};

export function flowConfig(cfg: Partial<FlowConfig>): FlowConfig {
  const c = { ...DEFAULT_FLOW_CONFIG, ...cfg };
  c.maxFlows = Math.max(1, c.maxFlows | 0);
  c.maxPdu = Math.max(1, c.maxPdu | 0);
  c.maxUnacked = Math.max(c.maxPdu, c.maxUnacked | 0);
  return c;
}

/** Timeout classes: each has its own LRU list so expiry only ever looks at list tails. */
export const TimeoutClass = {
  TCP_EST: 0,
  TCP_UNEST: 1,
  UDP: 2,
  ICMP: 3,
  IP: 4,
} as const;
export const TIMEOUT_CLASSES = 5;

export function classTimeouts(c: FlowConfig): Float64Array {
  return Float64Array.of(c.tcpTimeout, c.tcpUnestTimeout, c.udpTimeout, c.icmpTimeout, c.ipTimeout);
}

/** Why a flow left the table (passed to `StreamSink.onFlowEnd`). */
export const EndReason = {
  TIMEOUT: 0,
  LRU: 1,
  CLOSE_ALL: 2,
  /** TCP port reuse: a SYN on a closed session starts a new one in the same slot. */
  REUSE: 3,
} as const;

/** Plain numbers only, so a copy crosses worker threads as-is. */
export interface FlowStats {
  created: number;
  active: number;
  peak: number;
  tcp: number;
  udp: number;
  icmp: number;
  ip: number;
  timedOut: number;
  lruEvicted: number;
  reused: number;
  pdus: number;
  pduBytes: number;
}

export function newFlowStats(): FlowStats {
  return {
    created: 0,
    active: 0,
    peak: 0,
    tcp: 0,
    udp: 0,
    icmp: 0,
    ip: 0,
    timedOut: 0,
    lruEvicted: 0,
    reused: 0,
    pdus: 0,
    pduBytes: 0,
  };
}
