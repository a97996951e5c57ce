/** Bytes of each file inspected as file_data (Snort 3's dce_smb `smb_file_depth` default). */
export const FILE_DEPTH = 16384;
/** Open files tracked per connection; the table is cleared when full. */
const MAX_FILES = 64;
/** Pending reads (request → file and offset) per connection; cleared when full. */
const MAX_READS = 256;

/** A piece of a file's data, in file order (a copy). */
export interface SmbFileChunk {
  dir: 0 | 1;
  name: string;
  /** Offset of `data` in the file. */
  offset: number;
  data: Uint8Array;
}

export interface SmbFileSink {
  smbFile(c: SmbFileChunk): void;
}

class OpenFile {
  /** Next file offset to deliver; data before it was delivered (or is past the depth). */
  next = 0;
  /** Chunks ahead of `next`, held until the gap fills (only bytes below FILE_DEPTH are kept). */
  held: { offset: number; data: Uint8Array }[] = [];
  heldBytes = 0;
  constructor(readonly name: string) {}
}

/**
 * Files of one SMB connection: names from CREATE, data from WRITE requests and READ responses, delivered
 * in file order from offset 0 up to FILE_DEPTH. Memory per file is bounded by FILE_DEPTH.
 */
export class FileTable {
  private readonly names = new Map<string, string>();
  private readonly files = new Map<string, OpenFile>();
  private readonly reads = new Map<string, { file: string; offset: number }>();

  createRequested(req: string, name: string): void {
    if (this.names.size >= MAX_FILES) this.names.clear();
    this.names.set(req, name);
  }

  opened(req: string, file: string): void {
    const name = this.names.get(req) ?? '';
    this.names.delete(req);
    if (this.files.size >= MAX_FILES) this.files.clear();
    this.files.set(file, new OpenFile(name));
  }

  readRequested(req: string, file: string, offset: number): void {
    if (this.reads.size >= MAX_READS) this.reads.clear();
    this.reads.set(req, { file, offset });
  }

  /** The file and offset a READ response's data belongs to (consumed). */
  readAnswered(req: string): { file: string; offset: number } | null {
    const r = this.reads.get(req) ?? null;
    this.reads.delete(req);
    return r;
  }

  closed(file: string): void {
    this.files.delete(file);
  }

  /** True when bytes at `offset` of `file` would still be inspected. */
  wants(file: string, offset: number): boolean {
    return this.files.has(file) && offset < FILE_DEPTH;
  }

  /** Data of `file` at `offset`: delivered in order, gaps held, bytes past FILE_DEPTH dropped. */
  data(
    file: string,
    dir: 0 | 1,
    offset: number,
    b: Uint8Array,
    off: number,
    len: number,
    sink: SmbFileSink,
  ): void {
    const f = this.files.get(file);
    if (f === undefined || len <= 0 || offset >= FILE_DEPTH) return;
    const n = Math.min(len, FILE_DEPTH - offset);
    if (offset > f.next) {
      // Held bytes never exceed the depth, whatever a hostile peer writes ahead of the gap.
      if (f.heldBytes + n > FILE_DEPTH) return;
      f.held.push({ offset, data: b.slice(off, off + n) });
      f.heldBytes += n;
      return;
    }
    this.deliver(f, dir, offset, b, off, n, sink);
    // Held chunks that the delivered data reached.
    for (let again = true; again;) {
      again = false;
      for (let i = 0; i < f.held.length; i++) {
        const h = f.held[i]!;
        if (h.offset > f.next) continue;
        f.held.splice(i, 1);
        f.heldBytes -= h.data.length;
        this.deliver(f, dir, h.offset, h.data, 0, h.data.length, sink);
        again = true;
        break;
      }
    }
  }

  private deliver(
    f: OpenFile,
    dir: 0 | 1,
    offset: number,
    b: Uint8Array,
    off: number,
    n: number,
    sink: SmbFileSink,
  ): void {
    // Only the part past what was already delivered (retransmitted or overlapping writes are inspected once).
    const skip = f.next - offset;
    if (skip >= n) return;
    const data = b.slice(off + skip, off + n);
    f.next = offset + n;
    sink.smbFile({ dir, name: f.name, offset: offset + skip, data });
  }
}
