import { CaptureFormatError } from '../core/errors.js';
import { EMPTY } from '../core/bytes.js';
import type { CaptureRecord } from './packet.js';
import { recordLimit } from './limits.js';
import { PcapngState, PCAPNG_SHB, readPcapngBlock } from './pcapng.js';

/** The record `CaptureReader.next()` returns; `tsNsec` keeps nanosecond precision (tsUsec·1000 for µs files). */
export class ReaderRecord implements CaptureRecord {
  tsSec = 0;
  tsUsec = 0;
  tsNsec = 0;
  caplen = 0;
  wirelen = 0;
  linktype = 0;
  iface = 0;
  data: Uint8Array = EMPTY;
  offset = 0;
}

const FORMAT_UNKNOWN = 0;
const FORMAT_PCAP = 1;
const FORMAT_PCAPNG = 2;

const PCAP_HDR = 24;
const PCAP_REC_HDR = 16;

/**
 * Streaming push parser for pcap and pcapng. Holds only the unconsumed tail of the input in one buffer
 * that is compacted (and grown when a record is larger than it) — memory stays constant.
 *
 * The record returned by `next()` and its `data` view are reused: they are valid until the next call to
 * `next()` or `push()`.
 */
export class CaptureReader {
  /** @internal buffer holding file bytes [fileBase, fileBase + tail - head) at [head, tail). */
  buf: Uint8Array = new Uint8Array(1 << 16);
  /** @internal */
  view = new DataView(this.buf.buffer);
  /** @internal */
  head = 0;
  /** @internal */
  tail = 0;
  /** @internal file offset of buf[head]. */
  fileBase = 0;
  /** @internal */
  readonly rec = new ReaderRecord();
  /** @internal shared with pcapng.ts */
  readonly ng = new PcapngState();

  private format = FORMAT_UNKNOWN;
  private le = true;
  private nano = false;
  private pcapLinktype = 0;
  private snapLimit = 0;
  private readonly linktypeList: number[] = [];
  private failed: CaptureFormatError | null = null;

  /** Bytes of the input fully consumed (headers and returned records). */
  get bytesConsumed(): number {
    return this.fileBase;
  }

  /** Link type of each interface seen so far (pcap: one; pcapng: one per IDB, in order, across sections). */
  get linktypes(): number[] {
    return this.format === FORMAT_PCAPNG ? this.ng.allLinktypes.slice() : this.linktypeList.slice();
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    if (this.tail + n > this.buf.length) this.makeRoom(n);
    this.buf.set(chunk, this.tail);
    this.tail += n;
  }

  private makeRoom(n: number): void {
    const live = this.tail - this.head;
    if (live + n <= this.buf.length && this.head > 0) {
      this.buf.copyWithin(0, this.head, this.tail);
    } else {
      let cap = this.buf.length;
      while (cap < live + n) cap *= 2;
      const nb = new Uint8Array(cap);
      nb.set(this.buf.subarray(this.head, this.tail), 0);
      this.buf = nb;
      this.view = new DataView(nb.buffer);
    }
    this.head = 0;
    this.tail = live;
  }

  /** Next complete record, or null when more input is needed. Throws CaptureFormatError on corrupt input. */
  next(): ReaderRecord | null {
    if (this.failed !== null) throw this.failed;
    try {
      if (this.format === FORMAT_PCAP) return this.nextPcap();
      if (this.format === FORMAT_PCAPNG) return readPcapngBlock(this);
      if (!this.detect()) return null;
      return this.next();
    } catch (e) {
      if (e instanceof CaptureFormatError) this.failed = e;
      throw e;
    }
  }

  /** Call at end of input: throws if a header or record is incomplete. */
  end(): void {
    if (this.failed !== null) throw this.failed;
    const live = this.tail - this.head;
    if (live === 0 && this.format !== FORMAT_UNKNOWN) return;
    if (this.format === FORMAT_UNKNOWN) {
      this.failed = new CaptureFormatError(live === 0 ? 'empty capture' : 'truncated capture header', 0);
    } else {
      this.failed = new CaptureFormatError(`truncated record (${live} bytes left)`, this.fileBase);
    }
    throw this.failed;
  }

  /** @internal consume `n` bytes at the front of the buffer. */
  consume(n: number): void {
    this.head += n;
    this.fileBase += n;
  }

  /** @internal */
  fail(message: string, offset: number): never {
    throw new CaptureFormatError(message, offset);
  }

  private detect(): boolean {
    if (this.tail - this.head < 4) return false;
    const b = this.buf;
    const s = this.head;
    const magicBe = ((b[s]! << 24) | (b[s + 1]! << 16) | (b[s + 2]! << 8) | b[s + 3]!) >>> 0;
    if (magicBe === PCAPNG_SHB) {
      this.format = FORMAT_PCAPNG;
      return true;
    }
    if (this.tail - this.head < PCAP_HDR) {
      if (!isPcapMagic(magicBe)) this.fail('bad capture magic 0x' + magicBe.toString(16), 0);
      return false;
    }
    const v = this.view;
    switch (magicBe) {
      case 0xa1b2c3d4:
      case 0xa1b23c4d:
        this.le = false;
        break;
      case 0xd4c3b2a1:
      case 0x4d3cb2a1:
        this.le = true;
        break;
      default:
        this.fail('bad capture magic 0x' + magicBe.toString(16), 0);
    }
    this.nano = magicBe === 0xa1b23c4d || magicBe === 0x4d3cb2a1;
    const snaplen = v.getUint32(s + 16, this.le);
    this.pcapLinktype = v.getUint32(s + 20, this.le) & 0xffff;
    this.snapLimit = recordLimit(snaplen);
    this.linktypeList.push(this.pcapLinktype);
    this.format = FORMAT_PCAP;
    this.consume(PCAP_HDR);
    return true;
  }

  private nextPcap(): ReaderRecord | null {
    const s = this.head;
    if (this.tail - s < PCAP_REC_HDR) return null;
    const v = this.view;
    const le = this.le;
    const caplen = v.getUint32(s + 8, le);
    if (caplen > this.snapLimit) this.fail(`absurd record length ${caplen}`, this.fileBase);
    if (this.tail - s < PCAP_REC_HDR + caplen) return null;
    const r = this.rec;
    r.tsSec = v.getUint32(s, le);
    const frac = v.getUint32(s + 4, le);
    if (this.nano) {
      r.tsNsec = frac;
      r.tsUsec = (frac / 1000) | 0;
    } else {
      r.tsUsec = frac;
      r.tsNsec = frac * 1000;
    }
    r.caplen = caplen;
    r.wirelen = v.getUint32(s + 12, le);
    r.linktype = this.pcapLinktype;
    r.iface = 0;
    r.offset = this.fileBase;
    r.data = this.buf.subarray(s + PCAP_REC_HDR, s + PCAP_REC_HDR + caplen);
    this.consume(PCAP_REC_HDR + caplen);
    return r;
  }
}

function isPcapMagic(m: number): boolean {
  return m === 0xa1b2c3d4 || m === 0xa1b23c4d || m === 0xd4c3b2a1 || m === 0x4d3cb2a1;
}
