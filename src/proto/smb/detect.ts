/** A NetBIOS session message carrying SMB1, SMB2/3 or an SMB3 transform header (service identification). */
export function looksLikeSmb(b: Uint8Array | null): boolean {
  if (b === null || b.length < 8 || b[0] !== 0) return false;
  const m = b[4];
  return (m === 0xff || m === 0xfe || m === 0xfd) && b[5] === 0x53 && b[6] === 0x4d && b[7] === 0x42;
}
