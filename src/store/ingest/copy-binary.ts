/**
 * A writer of PostgreSQL's binary COPY format. Formatting 26 doubles as decimal text cost ~12 µs a
 * sample row in Node (the client, not the database, limited ingest); 8-byte big-endian floats through a
 * DataView cost a fraction of that, and the server skips parsing them too.
 */
const encoder = new TextEncoder();

export class BinaryCopy {
  private buf: Uint8Array;
  private view: DataView;
  private o = 0;

  /**
   * `bytes`: an estimate of the encoded size (the buffer grows when it was short). `header: false` starts a
   * later chunk of the same COPY (the header goes once, at the start of the data).
   */
  constructor(bytes: number, header = true) {
    this.buf = new Uint8Array(Math.max(64, bytes + 21));
    this.view = new DataView(this.buf.buffer);
    if (!header) return;
    // "PGCOPY\n\377\r\n\0", then flags and header extension length (both 0).
    this.buf.set([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
    this.o = 19;
  }

  private room(n: number): void {
    if (this.o + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.o + n));
    next.set(this.buf.subarray(0, this.o));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Start a row of `fields` columns; `bytes` bounds what the row's fields will take. */
  row(fields: number, bytes: number): void {
    this.room(2 + bytes);
    this.view.setInt16(this.o, fields);
    this.o += 2;
  }

  null(): void {
    this.view.setInt32(this.o, -1);
    this.o += 4;
  }

  float8(v: number): void {
    this.view.setInt32(this.o, 8);
    this.view.setFloat64(this.o + 4, v);
    this.o += 12;
  }

  int2(v: number): void {
    this.view.setInt32(this.o, 2);
    this.view.setInt16(this.o + 4, v);
    this.o += 6;
  }

  /** Text; its room (4 + 3 bytes a UTF-16 unit at most) must be part of the row's `bytes`. */
  text(v: string): void {
    const { written } = encoder.encodeInto(v, this.buf.subarray(this.o + 4));
    this.view.setInt32(this.o, written);
    this.o += 4 + written;
  }

  /** The rows so far, without the trailer: a chunk that more chunks follow. */
  chunk(): Uint8Array {
    return this.buf.subarray(0, this.o);
  }

  /** The finished data (with the trailer). */
  end(): Uint8Array {
    this.room(2);
    this.view.setInt16(this.o, -1);
    this.o += 2;
    return this.buf.subarray(0, this.o);
  }
}
