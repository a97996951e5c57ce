/** Public types of the HTTP/1.x inspector: sections, buffers, transactions, limits. */

/** 0 = client → server, 1 = server → client. */
export type HttpDir = 0 | 1;

export type HttpSectionKind = 'headers' | 'body' | 'trailers';

/** A view of bytes (structurally the same as detect/'s BufferView). */
export interface BufferView {
  data: Uint8Array;
  off: number;
  len: number;
}

/**
 * Snort 3's HTTP inspection buffers for one section. One reused object, valid during `HttpSink.section`.
 * null = the buffer does not exist in this section.
 */
export interface HttpBuffers {
  http_method: BufferView | null;
  http_uri: BufferView | null;
  http_raw_uri: BufferView | null;
  http_header: BufferView | null;
  http_raw_header: BufferView | null;
  http_cookie: BufferView | null;
  http_raw_cookie: BufferView | null;
  http_client_body: BufferView | null;
  http_raw_body: BufferView | null;
  http_stat_code: BufferView | null;
  http_stat_msg: BufferView | null;
  http_version: BufferView | null;
  http_raw_request: BufferView | null;
  http_raw_status: BufferView | null;
  http_true_ip: BufferView | null;
  http_param: BufferView | null;
  http_trailer: BufferView | null;
  http_raw_trailer: BufferView | null;
  file_data: BufferView | null;
  /** Normalized value of a header of this section's message (`http_header: field x`); `name` lower-case. */
  headerField(name: string): BufferView | null;
  /**
   * Header sections: the length of Snort's header section (the header lines, without the start line and the
   * line ends closing the head); what Snort 3 reports as an alert's pkt_len. 0 in other sections.
   */
  readonly headSectionLen: number;
  /** Capture time (µs) of the section's first byte, as the feeder gave it (`HttpSession.nowUs`); -1 unknown. */
  readonly sectionUs: number;
}

/** One request/response pair, with Zeek http.log's fields (strings unset = null, Zeek's `-`). */
export interface HttpTransaction {
  /** When the request head (or an unmatched reply's head) was read: the session's `now`; null if never set. */
  ts: number | null;
  trans_depth: number;
  method: string | null;
  host: string | null;
  uri: string | null;
  referrer: string | null;
  version: string | null;
  user_agent: string | null;
  origin: string | null;
  request_body_len: number;
  response_body_len: number;
  status_code: number | null;
  status_msg: string | null;
  info_code: number | null;
  info_msg: string | null;
  tags: string[];
  username: string | null;
  password: string | null;
  proxied: string[];
  orig_fuids: string[];
  orig_filenames: string[];
  orig_mime_types: string[];
  resp_fuids: string[];
  resp_filenames: string[];
  resp_mime_types: string[];
}

export interface HttpSink {
  /** One detection unit: raw = the section's wire bytes. `bufs` is reused: copy what must outlive the call. */
  section(
    dir: HttpDir,
    kind: HttpSectionKind,
    raw: Uint8Array,
    off: number,
    len: number,
    bufs: HttpBuffers,
  ): void;
  /** Once per request/response pair (for http.log), when the pair is complete or the connection ends. */
  transaction(tx: HttpTransaction): void;
}
