import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads small kernel files into one shared, growing buffer. Each file's descriptor stays open and is read
 * again from offset 0 (procfs and sysctl files regenerate their text on a read at 0), so a sample costs
 * reads only, no open/close. The buffer is only valid until the next read.
 */
export class ProcFiles {
  private buffer: Buffer;
  private readonly fds = new Map<string, number>();

  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  get buf(): Buffer {
    return this.buffer;
  }

  /** Reads the whole file; returns its length, or -1 if it cannot be opened or read. */
  read(path: string): number {
    let fd = this.fds.get(path);
    if (fd === undefined) {
      try {
        fd = openSync(path, 'r');
      } catch {
        return -1;
      }
      this.fds.set(path, fd);
    }
    try {
      return this.readAll(fd);
    } catch {
      // A descriptor that stopped working (file gone, EIO): drop it and try a fresh open next sample.
      this.forget(path, fd);
      return -1;
    }
  }

  /**
   * One read of up to `length` bytes at `offset` into the start of the buffer; -1 if unreadable. For files
   * read in steps (TCP tables), where reading everything would cost more than the caller needs.
   */
  readAt(path: string, offset: number, length: number): number {
    let fd = this.fds.get(path);
    if (fd === undefined) {
      try {
        fd = openSync(path, 'r');
      } catch {
        return -1;
      }
      this.fds.set(path, fd);
    }
    if (length > this.buffer.length)
      this.buffer = Buffer.allocUnsafe(Math.max(length, this.buffer.length * 2));
    try {
      return readSync(fd, this.buffer, 0, length, offset);
    } catch {
      this.forget(path, fd);
      return -1;
    }
  }

  private readAll(fd: number): number {
    let total = 0;
    for (;;) {
      if (total === this.buffer.length) {
        const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
        this.buffer.copy(bigger, 0, 0, total);
        this.buffer = bigger;
      }
      const n = readSync(fd, this.buffer, total, this.buffer.length - total, total);
      if (n === 0) return total;
      total += n;
    }
  }

  private forget(path: string, fd: number): void {
    this.fds.delete(path);
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }

  close(): void {
    for (const [path, fd] of this.fds) this.forget(path, fd);
  }
}
