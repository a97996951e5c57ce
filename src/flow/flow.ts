/** Direction index used throughout flow/ and detect/: 0 = from client (to server), 1 = from server. */
export const TO_SERVER = 0;
export const TO_CLIENT = 1;
export type Dir = 0 | 1;

export const TcpState = {
  NONE: 0,
  SYN_SENT: 1,
  SYN_RCVD: 2,
  ESTABLISHED: 3,
  CLOSING: 4,
  CLOSED: 5,
} as const;

/**
 * One bidirectional conversation. The client is the side that opened it (TCP SYN sender; first packet's
 * source otherwise, corrected by port heuristics for TCP picked up midstream).
 */
export interface Flow {
  readonly id: number;
  readonly proto: number;
  readonly ipVer: 4 | 6;
  readonly clientIp: Uint8Array;
  readonly serverIp: Uint8Array;
  readonly clientPort: number;
  readonly serverPort: number;
  firstTsSec: number;
  firstTsUsec: number;
  lastTsSec: number;
  lastTsUsec: number;
  /** Packets seen in direction `dir`. */
  packets(dir: Dir): number;
  /** IP bytes (headers included) seen in direction `dir`. */
  ipBytes(dir: Dir): number;
  /** TCP: TcpState value; other protocols: NONE. */
  tcpState: number;
  /** Snort's `flow:established`: TCP 3-way handshake completed (or picked up midstream); UDP: seen both ways. */
  established: boolean;
  /** Set once the flow was picked up without seeing its SYN. */
  midstream: boolean;
  /** Application service once identified (`http`, `dns` …), null until then. */
  service: string | null;
  /**
   * Set when an inspector stops inspection of the flow, as Snort's stop_inspection does (TLS once both sides
   * send application data after a full handshake): no rule runs on its later packets or PDUs. Parsers and
   * logs still see them.
   */
  ignored: boolean;
  /** Detection state slot owned by detect/ (flowbits, etc.); flow/ only clears it. */
  detect: unknown;
  /** Free slot for application-layer state owned by proto/. */
  app: unknown;
  /** TCP sequence space a direction has used (next expected seq − ISN); 0 before any, or for non-TCP. */
  streamSize(dir: Dir): number;
}
