/** Byte helpers shared by decoders and options. All reads are bounds-checked by the caller. */

export const EMPTY = new Uint8Array(0);

export function u16be(b: Uint8Array, o: number): number {
  return ((b[o]! << 8) | b[o + 1]!) >>> 0;
}

export function u32be(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

export function u16le(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8)) >>> 0;
}

export function u32le(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** ASCII lower-case table: bytes A-Z map to a-z, everything else to itself. */
export const LOWER = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) t[i] = i >= 0x41 && i <= 0x5a ? i + 0x20 : i;
  return t;
})();

/** Bytes [start, end) as a string of the same code units (ISO-8859-1); the range is clamped to `b`. */
export function latin1(b: Uint8Array, start = 0, end = b.length): string {
  if (start < 0) start = 0;
  if (end > b.length) end = b.length;
  // Up to 12 characters every `+=` makes a flat string (V8 chains longer ones as cons strings).
  if (end - start <= 12) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  // Longer text is decoded natively: one flat string instead of a chain of one-character pieces.
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1');
}

/** The parts joined into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const x of parts) n += x.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

export function hex(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}
