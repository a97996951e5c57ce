/** Hard ceiling on one capture record, whatever the file header's snaplen claims. */
export const MAX_RECORD = 16 << 20;
const MIN_SNAP_LIMIT = 256 << 10;

/** Largest plausible record for a snaplen: 2·max(snaplen, 256 KiB), never above 16 MiB. */
export function recordLimit(snaplen: number): number {
  return Math.min(2 * Math.max(snaplen, MIN_SNAP_LIMIT), MAX_RECORD);
}
