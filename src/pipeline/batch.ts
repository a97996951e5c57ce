import type { CaptureRecord } from '../packet/packet.js';

/** Records cross to worker threads packed in one transferable buffer: a 7-word header then the bytes. */
const HDR = 28;

export class BatchWriter {
  private buf: ArrayBuffer;
  private u8: Uint8Array;
  private dv: DataView;
  pos = 0;
  count = 0;

  constructor(private readonly size = 1 << 20) {
    this.buf = new ArrayBuffer(size);
    this.u8 = new Uint8Array(this.buf);
    this.dv = new DataView(this.buf);
  }

  /** False when the record does not fit: take() the batch and retry. */
  add(rec: CaptureRecord, num: number): boolean {
    const need = HDR + ((rec.caplen + 3) & ~3);
    if (this.pos + need > this.buf.byteLength) {
      if (this.count > 0) return false;
      this.grow(need);
    }
    const dv = this.dv;
    const p = this.pos;
    dv.setUint32(p, num, true);
    dv.setUint32(p + 4, rec.tsSec, true);
    dv.setUint32(p + 8, rec.tsUsec, true);
    dv.setUint32(p + 12, rec.caplen, true);
    dv.setUint32(p + 16, rec.wirelen, true);
    dv.setUint32(p + 20, rec.linktype, true);
    dv.setUint32(p + 24, rec.iface, true);
    this.u8.set(rec.data.subarray(0, rec.caplen), p + HDR);
    this.pos += need;
    this.count++;
    return true;
  }

  /** Hand over the filled buffer (for transfer) and start a new one. */
  take(): { buf: ArrayBuffer; bytes: number; count: number } {
    const out = { buf: this.buf, bytes: this.pos, count: this.count };
    this.buf = new ArrayBuffer(this.size);
    this.u8 = new Uint8Array(this.buf);
    this.dv = new DataView(this.buf);
    this.pos = 0;
    this.count = 0;
    return out;
  }

  private grow(need: number): void {
    this.buf = new ArrayBuffer(need);
    this.u8 = new Uint8Array(this.buf);
    this.dv = new DataView(this.buf);
  }
}

/** Iterate the records of a batch, reusing one record object. */
export function forEachInBatch(
  buf: ArrayBuffer,
  bytes: number,
  fn: (rec: CaptureRecord, num: number) => void,
): void {
  const dv = new DataView(buf);
  const u8 = new Uint8Array(buf);
  const rec: CaptureRecord = {
    tsSec: 0,
    tsUsec: 0,
    caplen: 0,
    wirelen: 0,
    linktype: 1,
    iface: 0,
    data: u8,
    offset: 0,
  };
  for (let p = 0; p < bytes;) {
    const num = dv.getUint32(p, true);
    rec.tsSec = dv.getUint32(p + 4, true);
    rec.tsUsec = dv.getUint32(p + 8, true);
    rec.caplen = dv.getUint32(p + 12, true);
    rec.wirelen = dv.getUint32(p + 16, true);
    rec.linktype = dv.getUint32(p + 20, true);
    rec.iface = dv.getUint32(p + 24, true);
    rec.data = u8.subarray(p + HDR, p + HDR + rec.caplen);
    rec.offset = p;
    fn(rec, num);
    p += HDR + ((rec.caplen + 3) & ~3);
  }
}
