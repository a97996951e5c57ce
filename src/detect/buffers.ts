/**
 * Inspection buffers a rule can select. Ids are small integers so the hot path compares numbers; the
 * names follow Snort 3's sticky-buffer keywords. `pkt_data`/`raw_data` come from the unit itself,
 * `base64_data` from the last `base64_decode`; every other buffer comes from a BufferProvider (proto/).
 */
export const BufferId = {
  pkt_data: 0,
  raw_data: 1,
  base64_data: 2,
  file_data: 3,
  js_data: 4,
  vba_data: 5,
  http_uri: 6,
  http_raw_uri: 7,
  http_header: 8,
  http_raw_header: 9,
  http_cookie: 10,
  http_raw_cookie: 11,
  http_client_body: 12,
  http_raw_body: 13,
  http_method: 14,
  http_stat_code: 15,
  http_stat_msg: 16,
  http_version: 17,
  http_raw_request: 18,
  http_raw_status: 19,
  http_true_ip: 20,
  http_param: 21,
  http_trailer: 22,
  http_raw_trailer: 23,
  dce_stub_data: 24,
  ssl_hello: 25,
  sip_header: 26,
  sip_body: 27,
  dnp3_data: 28,
  modbus_data: 29,
  cip_data: 30,
  mms_data: 31,
  s7commplus_data: 32,
} as const;

export type BufferIdValue = (typeof BufferId)[keyof typeof BufferId];
export const BUFFER_COUNT = 33;

/** Names by id (for diagnostics and NOTES). */
export const BUFFER_NAMES: readonly string[] = (() => {
  const names: string[] = [];
  for (const [k, v] of Object.entries(BufferId)) names[v] = k;
  return names;
})();

/** A view of one buffer; providers fill and return a reused instance. */
export interface BufferView {
  data: Uint8Array;
  off: number;
  len: number;
}

/**
 * Supplies application-layer buffers for one unit. `field` is the lower-case header name of
 * `http_header: field x` (a compile-time string), else null. Returns null when the unit has no such buffer.
 */
export interface BufferProvider {
  getBuffer(id: number, field: string | null): BufferView | null;
  /** Application-layer state for the dce_, ssl_ and sip_ options; undefined until proto/ provides it. */
  readonly app?: unknown;
}

/** Buffers whose contents may feed the fast-pattern automaton (derived buffers such as base64_data cannot). */
export function isFpBuffer(id: number): boolean {
  return id !== BufferId.base64_data;
}

/** raw_data is the same bytes as pkt_data in Vigil (no normalizer rewrites payloads), so they share one automaton. */
export function fpScanBuffer(id: number): number {
  return id === BufferId.raw_data ? BufferId.pkt_data : id;
}
