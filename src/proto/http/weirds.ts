/**
 * Named protocol oddities counted in EventCounts. Names Zeek uses keep Zeek's spelling (weird.log
 * readers know them); the rest follow the same style and are marked "vigil".
 */
export const HttpWeird = {
  unknownMethod: 'unknown_HTTP_method',
  versionMismatch: 'HTTP_version_mismatch',
  badRequest: 'bad_HTTP_request',
  badReply: 'bad_HTTP_reply',
  unmatchedReply: 'unmatched_HTTP_reply',
  chunkedMultipart: 'HTTP_chunked_transfer_for_multipart_message',
  badChunkSize: 'HTTP_bad_chunk_size',
  lineFolding: 'HTTP_obsolete_line_folding',
  clAndChunked: 'HTTP_content_length_and_chunked',
  clLeadingZeros: 'HTTP_content_length_leading_zeros',
  badContentLength: 'HTTP_bad_content_length',
  noCrlf: 'http_no_crlf_in_header_list',
  emptyRequest: 'empty_http_request',
  /** vigil: two Content-Length headers with different values (request smuggling). */
  multipleContentLength: 'HTTP_multiple_content_length',
  /** vigil: a line ending in LF without CR. */
  bareLf: 'HTTP_bare_LF',
  /** vigil: white space between a header name and its colon. */
  spaceBeforeColon: 'HTTP_space_before_colon',
  /** vigil: a header line without a colon (ignored). */
  headerNoColon: 'HTTP_header_without_colon',
  /** vigil: start line + headers over the limit: the direction is no longer parsed. */
  headTooLarge: 'HTTP_header_too_large',
  /** vigil: header fields over the limit (the rest are kept raw only). */
  tooManyHeaders: 'HTTP_too_many_headers',
  /** vigil: more pipelined requests than kept. */
  tooManyPending: 'HTTP_too_many_pending_requests',
  /** vigil: chunk data not followed by CRLF. */
  badChunkEnd: 'HTTP_bad_chunk_end',
  /** vigil: gzip/deflate data that does not decode; the rest of the body is inspected as is. */
  decompressFailed: 'HTTP_decompression_failed',
  /** vigil: decompressed size or ratio limit reached; the rest is inspected compressed. */
  decompressLimit: 'HTTP_decompression_limit',
  /** vigil: unsupported Content-Encoding (br, compress …): the body is inspected as is. */
  unknownEncoding: 'HTTP_unknown_content_encoding',
  /** vigil: a message cut short by the end of the connection. */
  truncatedMessage: 'HTTP_truncated_message',
} as const;
