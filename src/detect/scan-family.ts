import { BufferId } from './buffers.js';

/**
 * Buffers that usually hold the very same bytes within one unit: in an HTTP body section pkt_data,
 * file_data and http_raw_body are one view of the de-chunked, decompressed body. Their fast patterns go
 * into one automaton per group, so those bytes are scanned once instead of once per buffer; each hit is
 * kept only if its rule's buffer was among the ones scanned (`familyBit`). A member whose view differs
 * in a unit is scanned on its own with the same automaton, so the candidates never change.
 */
export function scanFamily(scanBuffer: number): number {
  return scanBuffer === BufferId.file_data || scanBuffer === BufferId.http_raw_body
    ? BufferId.pkt_data
    : scanBuffer;
}

/** Bit of a pkt_data-family buffer in a family mask (ids are < 32). */
export function familyBit(scanBuffer: number): number {
  return 1 << scanBuffer;
}

export const PKT_BIT = 1 << BufferId.pkt_data;
export const FILE_BIT = 1 << BufferId.file_data;
export const RAW_BODY_BIT = 1 << BufferId.http_raw_body;
