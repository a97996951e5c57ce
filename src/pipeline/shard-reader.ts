import type { CaptureFormatError } from '../core/errors.js';
import { EventCounts } from '../core/counters.js';
import { Decoder } from '../packet/decode.js';
import { Packet, type CaptureRecord } from '../packet/packet.js';
import { forEachRecord } from './capture-loop.js';
import { FragmentRouter, type ShardSend } from './frag-router.js';
import { shardPicker, type ShardPicker } from './shard.js';

/**
 * The routing of a sharded run: which shard each record of a capture goes to, in capture order. Records that
 * do not decode go to shard 0, fragments to their datagram's shard (frag-router.ts), every other packet to
 * `pick`'s shard. The decisions depend only on the records, so every thread that routes the same capture
 * makes the same ones.
 */
export class ShardRouter {
  private readonly decoder = new Decoder(new EventCounts());
  private readonly pkt = new Packet();
  private readonly frags: FragmentRouter;
  private readonly pick: ShardPicker;

  /** `logs`: the run writes logs (tunnelled packets then go to shard 0, see `shardPicker`). */
  constructor(
    threads: number,
    logs: boolean,
    private readonly send: ShardSend,
  ) {
    this.pick = shardPicker(threads, logs);
    this.frags = new FragmentRouter(threads, {}, this.pick);
  }

  route(rec: CaptureRecord, num: number): void {
    const send = this.send;
    const pkt = this.pkt;
    this.frags.expire(rec.tsSec, send);
    if (!this.decoder.decode(rec, num, pkt)) return send(0, rec, num);
    if (pkt.isFragment) return this.frags.route(pkt, rec, num, send);
    send(this.pick(pkt), rec, num);
  }

  /** End of input: fragments still held go to their address-pair shard. */
  finish(): void {
    this.frags.flush(this.send);
  }
}

/**
 * One thread's part of a replicated run: read the whole capture file, route every record as every other
 * thread does, and hand the records of shard `shard` to `push`. Returns the format error that ended the
 * file early (records before it were all routed), or null. `onChunk` runs after each chunk read with the
 * bytes read and records routed so far. `maxBytes`: the file's size when the run began, the same for every
 * thread, so that a file still being written is split over the same records.
 */
export async function readShard(
  path: string,
  shard: number,
  threads: number,
  logs: boolean,
  push: (rec: CaptureRecord, num: number) => void,
  onChunk?: (bytesRead: number, records: number) => void,
  maxBytes = Infinity,
): Promise<CaptureFormatError | null> {
  const router = new ShardRouter(threads, logs, (k, rec, num) => {
    if (k === shard) push(rec, num);
  });
  let records = 0;
  const error = await forEachRecord(
    path,
    (rec, num) => {
      records = num;
      router.route(rec, num);
    },
    onChunk === undefined ? undefined : (bytesRead) => onChunk(bytesRead, records),
    maxBytes,
  );
  router.finish();
  return error;
}
