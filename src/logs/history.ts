/** Bits of Zeek's per-connection "letter already recorded" mask (responder bits are shifted by 16). */
export const Hist = {
  SYN: 0x1,
  FIN: 0x2,
  RST: 0x4,
  FIN_RST: 0x8,
  DATA: 0x10,
  ACK: 0x20,
  MULTI_FLAG: 0x40,
  /** UDP/other: data from the originator / responder (not shifted). */
  ORIG_DATA: 0x1,
  RESP_DATA: 0x2,
} as const;

/** A counter recorded logarithmically: a letter at the 1st, 10th, 100th … occurrence. */
export class Scaled {
  count = 0;
  threshold = 1;

  /** Count one occurrence; true when it earns a letter. */
  hit(): boolean {
    if (++this.count !== this.threshold) return false;
    this.threshold *= 10;
    return true;
  }
}

/**
 * A connection's `history` string (Zeek's Connection::CheckHistory / AddHistory): `check` records a
 * letter once per mask bit; `add` appends unconditionally.
 */
export class History {
  text = '';
  private seen = 0;

  /** Record `code` unless `mask` was seen before; returns whether it had been seen. */
  check(mask: number, code: string): boolean {
    if ((this.seen & mask) === 0) {
      this.seen |= mask;
      this.text += code;
      return false;
    }
    return true;
  }

  add(code: string): void {
    this.text += code;
  }
}
