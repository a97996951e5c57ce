/** Limits and normalization switches; defaults are Snort 3 http_inspect's where it has the option. */
export interface HttpLimits {
  /** Request body bytes inspected (-1 = unlimited), Snort's `request_depth`. */
  requestDepth: number;
  /** Response body bytes inspected (-1 = unlimited), Snort's `response_depth`. */
  responseDepth: number;
  /** Wire bytes per body section: bounds detection memory whatever the depth. */
  sectionBytes: number;
  /** Start line + headers larger than this abandon the direction (`HTTP_header_too_large`). */
  maxHeadBytes: number;
  /** Header fields per message kept (Snort's maximum_headers alerts at 200). */
  maxHeaders: number;
  /** Requests waiting for their response before the oldest is logged without one. */
  maxPending: number;
  /**
   * Build detection sections and their buffers. false: only transactions (http.log) come out, and no
   * buffer is copied or normalized for detection.
   */
  sections: boolean;
  /** Decompress gzip/deflate bodies (Snort's `unzip`). */
  unzip: boolean;
  /** Decompressed bytes per message; beyond it the body is no longer decompressed. */
  maxDecompressed: number;
  /** Decompressed bytes per compressed byte (bomb guard), checked per section. */
  maxRatio: number;
  // URI normalization (Snort 3 http_inspect defaults).
  percentU: boolean;
  utf8: boolean;
  utf8BareByte: boolean;
  iisDoubleDecode: boolean;
  backslashToSlash: boolean;
  plusToSpace: boolean;
  simplifyPath: boolean;
}

export const DEFAULT_HTTP_LIMITS: Readonly<HttpLimits> = {
  requestDepth: -1,
  responseDepth: -1,
  sectionBytes: 16384,
  maxHeadBytes: 65536,
  maxHeaders: 200,
  maxPending: 64,
  sections: true,
  unzip: true,
  maxDecompressed: 4 << 20,
  maxRatio: 1000,
  percentU: false,
  utf8: true,
  utf8BareByte: false,
  iisDoubleDecode: true,
  backslashToSlash: true,
  plusToSpace: true,
  simplifyPath: true,
};

export function httpLimits(p?: Partial<HttpLimits>): HttpLimits {
  return { ...DEFAULT_HTTP_LIMITS, ...(p ?? {}) };
}
