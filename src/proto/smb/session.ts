import type { EventCounts } from '../../core/counters.js';
import type { SmbCommand } from './commands.js';
import { FileTable, type SmbFileSink } from './files.js';
import { readSmb1 } from './smb1.js';
import { readSmb2 } from './smb2.js';

/** Leading bytes of each SMB message kept for its headers (names, ids, data offsets); data streams past. */
export const HEAD_MAX = 4096;
/** NetBIOS session service packet types (RFC 1002 4.3.1): message, request, answers, keep-alive. */
const NBSS_TYPES = new Set([0x00, 0x81, 0x82, 0x83, 0x84, 0x85]);

/** The data of a message that belongs to a file: message offsets [start, end) → file offset `fileOff`. */
interface Region {
  file: string;
  start: number;
  end: number;
  fileOff: number;
}

class DirState {
  readonly nb = new Uint8Array(4);
  nbLen = 0;
  /** Current message: its length, type and how much of it was consumed. */
  msgLen = 0;
  msgType = 0;
  msgPos = 0;
  readonly head = new Uint8Array(HEAD_MAX);
  headParsed = false;
  regions: Region[] = [];
  dead = false;
}

/**
 * SMB over TCP (ports 445 and 139): NetBIOS session framing, SMB1 and SMB2/3 messages, and the files they
 * open, write and read. File data goes to the sink in file order (see FileTable) as it streams by; only
 * each message's first HEAD_MAX bytes are held, so memory stays bounded whatever the message sizes.
 */
export class SmbSession {
  private readonly dirs = [new DirState(), new DirState()] as const;
  private readonly files = new FileTable();
  private readonly cmds: SmbCommand[] = [];
  /** Dialect seen: 1 (SMB1), 2 (SMB2/3), 0 not yet. */
  dialect = 0;

  constructor(private readonly events: EventCounts) {}

  feed(dir: 0 | 1, data: Uint8Array, off: number, len: number, sink: SmbFileSink): void {
    const d = this.dirs[dir];
    const end = Math.min(off + Math.max(0, len), data.length);
    let p = off;
    while (p < end && !d.dead) {
      if (d.nbLen < 4) {
        d.nb[d.nbLen++] = data[p++]!;
        if (d.nbLen === 4) this.startMessage(d);
        continue;
      }
      const n = Math.min(end - p, d.msgLen - d.msgPos);
      if (d.msgType === 0) this.messageBytes(dir, d, data, p, n, sink);
      p += n;
      d.msgPos += n;
      if (d.msgPos >= d.msgLen) d.nbLen = 0;
    }
  }

  private startMessage(d: DirState): void {
    const t = d.nb[0]!;
    if (!NBSS_TYPES.has(t)) {
      this.events.add('smb_bad_netbios_type');
      d.dead = true;
      return;
    }
    // Direct TCP (445) uses a 24-bit length; NetBIOS (139) 17 bits whose high bits are then zero.
    d.msgLen = (d.nb[1]! << 16) | (d.nb[2]! << 8) | d.nb[3]!;
    d.msgType = t;
    d.msgPos = 0;
    d.headParsed = false;
    d.regions = [];
    if (d.msgLen === 0) d.nbLen = 0;
  }

  private messageBytes(
    dir: 0 | 1,
    d: DirState,
    b: Uint8Array,
    p: number,
    n: number,
    sink: SmbFileSink,
  ): void {
    const headCap = Math.min(d.msgLen, HEAD_MAX);
    if (d.msgPos < headCap) d.head.set(b.subarray(p, p + Math.min(n, headCap - d.msgPos)), d.msgPos);
    if (!d.headParsed && d.msgPos + n >= headCap) {
      d.headParsed = true;
      this.parseHead(dir, d, headCap, sink);
    }
    // Region bytes past the head, as they stream by.
    if (!d.headParsed) return;
    const from = Math.max(d.msgPos, headCap);
    const to = d.msgPos + n;
    for (const r of d.regions) {
      const s = Math.max(from, r.start);
      const e = Math.min(to, r.end);
      if (s < e) this.files.data(r.file, dir, r.fileOff + (s - r.start), b, p + (s - d.msgPos), e - s, sink);
    }
  }

  private parseHead(dir: 0 | 1, d: DirState, len: number, sink: SmbFileSink): void {
    const h = d.head;
    const cmds = this.cmds;
    cmds.length = 0;
    if (len < 4 || h[1] !== 0x53 || h[2] !== 0x4d || h[3] !== 0x42) {
      this.events.add('smb_unknown_protocol');
      return;
    }
    if (h[0] === 0xff) {
      this.dialect ||= 1;
      readSmb1(h, len, d.msgLen, cmds);
    } else if (h[0] === 0xfe) {
      this.dialect = 2;
      readSmb2(h, len, d.msgLen, cmds);
    } else if (h[0] === 0xfd) {
      this.dialect = 2;
      this.events.add('smb_encrypted');
    } else this.events.add('smb_unknown_protocol');
    for (const c of cmds) this.apply(dir, d, c, len, sink);
  }

  private apply(dir: 0 | 1, d: DirState, c: SmbCommand, headLen: number, sink: SmbFileSink): void {
    const f = this.files;
    switch (c.op) {
      case 'create-req':
        return f.createRequested(c.req, c.name);
      case 'create-resp':
        return f.opened(c.req, c.file);
      case 'read-req':
        return f.readRequested(c.req, c.file, c.offset);
      case 'close':
        return f.closed(c.file);
      case 'write':
        return this.region(dir, d, c.file, c.offset, c.dataOff, c.dataLen, headLen, sink);
      case 'read-resp': {
        const r = f.readAnswered(c.req);
        if (r !== null) this.region(dir, d, r.file, r.offset, c.dataOff, c.dataLen, headLen, sink);
        return;
      }
    }
  }

  /** File data at message offsets [off, off+len): the part in the head now, the rest as it streams. */
  private region(
    dir: 0 | 1,
    d: DirState,
    file: string,
    fileOff: number,
    off: number,
    len: number,
    headLen: number,
    sink: SmbFileSink,
  ): void {
    if (len <= 0 || !this.files.wants(file, fileOff)) return;
    const inHead = Math.max(0, Math.min(len, headLen - off));
    if (inHead > 0) this.files.data(file, dir, fileOff, d.head, off, inHead, sink);
    if (inHead < len)
      d.regions.push({ file, start: off + inHead, end: off + len, fileOff: fileOff + inHead });
  }
}
