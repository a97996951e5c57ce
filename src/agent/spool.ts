import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VigilError } from '../core/errors.js';
import { makeDir } from '../core/make-dir.js';
import { BATCH_KINDS, type BatchKind } from './batcher.js';

/** A batch on disk, waiting for delivery. */
export interface SpoolEntry {
  name: string;
  seq: number;
  kind: BatchKind;
  bytes: number;
}

/** `000000000042.alerts.json`: the sequence orders delivery; the kind picks the ingest route. */
const ENTRY = /^(\d{12})\.(samples|alerts|logs)\.json$/;
const TMP_SUFFIX = '.tmp';

/** Batch ids allow `[A-Za-z0-9._:-]`, 1–128 chars (docs/api.md): the node name is cut down to fit. */
export function batchId(node: string, seq: number, random = randomBytes(4).toString('hex')): string {
  const safe = node.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 80) || 'node';
  return `${safe}:${seq}:${random}`;
}

export interface SpoolStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  /** Batches refused because the spool was full. */
  refused: number;
  /** Batches moved to rejected/ (the server called them malformed). */
  rejected: number;
  /** Half-written files found (and removed) at open: the previous run stopped while writing them. */
  partialRemoved: number;
}

/**
 * A bounded, crash-safe queue of batches on disk. A batch is written to a temporary file, fsynced, renamed
 * into place and the directory fsynced, all before anyone sends it; it leaves only when delivered (`remove`)
 * or refused as malformed by the server (`reject`, to `rejected/` with the server's message). Order is the
 * sequence number, which continues from the highest on disk after a restart.
 */
export class Spool {
  private readonly list: SpoolEntry[] = [];
  private total = 0;
  private nextSeq = 1;
  readonly stats: SpoolStats;

  private constructor(
    readonly dir: string,
    readonly maxBytes: number,
    readonly node: string,
  ) {
    this.stats = { entries: 0, bytes: 0, maxBytes, refused: 0, rejected: 0, partialRemoved: 0 };
  }

  static async open(dir: string, maxBytes: number, node: string): Promise<Spool> {
    const s = new Spool(dir, maxBytes, node);
    try {
      await makeDir(join(dir, 'rejected'));
      await s.scan();
    } catch (e) {
      if (e instanceof VigilError) throw e;
      throw new VigilError('E_IO', `spool ${dir}: ${(e as Error).message}`, { cause: e });
    }
    return s;
  }

  private async scan(): Promise<void> {
    const names = await readdir(this.dir);
    for (const name of names) {
      if (name.endsWith(TMP_SUFFIX)) {
        // Never renamed into place: the batch was still in memory when the agent stopped, so it was not
        // acknowledged to anyone; its data is gone with that process either way.
        await unlink(join(this.dir, name));
        this.stats.partialRemoved++;
        continue;
      }
      const m = ENTRY.exec(name);
      if (m === null) continue;
      const { size } = await stat(join(this.dir, name));
      this.list.push({ name, seq: Number(m[1]), kind: m[2] as BatchKind, bytes: size });
    }
    this.list.sort((a, b) => a.seq - b.seq);
    for (const e of this.list) this.total += e.bytes;
    const last = this.list[this.list.length - 1];
    if (last !== undefined) this.nextSeq = last.seq + 1;
    this.sync();
  }

  private sync(): void {
    this.stats.entries = this.list.length;
    this.stats.bytes = this.total;
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.list.length;
  }

  first(): SpoolEntry | undefined {
    return this.list[0];
  }

  entries(): readonly SpoolEntry[] {
    return this.list;
  }

  /**
   * Write a batch (its `batch_id` is set here) durably. Returns null, counting a refusal, when it would take
   * the spool over `maxBytes`: what is spooled already is never dropped to make room.
   */
  async put(kind: BatchKind, body: Record<string, unknown>): Promise<SpoolEntry | null> {
    if (!BATCH_KINDS.includes(kind)) throw new VigilError('E_INTERNAL', `unknown batch kind ${kind}`);
    const seq = this.nextSeq;
    const text = JSON.stringify({ batch_id: batchId(this.node, seq), ...body });
    const bytes = Buffer.byteLength(text);
    if (this.total + bytes > this.maxBytes) {
      this.stats.refused++;
      return null;
    }
    this.nextSeq++;
    const name = `${String(seq).padStart(12, '0')}.${kind}.json`;
    const tmp = join(this.dir, `${name}${TMP_SUFFIX}`);
    try {
      const fh = await open(tmp, 'w', 0o600);
      try {
        await fh.writeFile(text);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, join(this.dir, name));
      await this.syncDir(this.dir);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw new VigilError('E_IO', `cannot write spool ${join(this.dir, name)}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const entry: SpoolEntry = { name, seq, kind, bytes };
    this.list.push(entry);
    this.total += bytes;
    this.sync();
    return entry;
  }

  /** The rename is durable only once the directory is: fsync it (Linux allows fsync on a directory fd). */
  private async syncDir(dir: string): Promise<void> {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  }

  async read(e: SpoolEntry): Promise<string> {
    return readFile(join(this.dir, e.name), 'utf8');
  }

  /** Delivered: delete it. */
  async remove(e: SpoolEntry): Promise<void> {
    await unlink(join(this.dir, e.name)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    this.drop(e);
  }

  /** Malformed in the server's eyes: keep it for a person under rejected/, with the server's answer beside it. */
  async reject(e: SpoolEntry, reason: string): Promise<string> {
    const to = join(this.dir, 'rejected', e.name);
    await writeFile(`${to}.reason.txt`, `${reason}\n`, { mode: 0o600 });
    await rename(join(this.dir, e.name), to);
    await this.syncDir(join(this.dir, 'rejected'));
    this.stats.rejected++;
    this.drop(e);
    return to;
  }

  private drop(e: SpoolEntry): void {
    const i = this.list.indexOf(e);
    if (i < 0) return;
    this.list.splice(i, 1);
    this.total -= e.bytes;
    this.sync();
  }
}
