import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ethernet, ipv4, tcp, udp } from '../packet/testkit.js';
import { pcapFile } from '../packet/testkit-capture.js';
import { readShard } from './shard-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-shard-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What each record is, by its 1-based number: the flow it belongs to ('' for a frame that is not IP). */
interface Capture {
  path: string;
  flowOf: string[];
}

/**
 * 30 TCP conversations (both directions), 20 UDP flows each with one whole datagram and one in three
 * fragments sent last-first, fragments of a datagram that never completes, and ARP frames.
 */
function capture(): Capture {
  const recs: { data: Uint8Array; tsSec: number }[] = [];
  const flowOf: string[] = [''];
  const add = (data: Uint8Array, flow: string) => {
    recs.push({ data, tsSec: 100 });
    flowOf.push(flow);
  };
  for (let f = 0; f < 30; f++) {
    const c = `10.1.${f}.1`;
    const flow = `tcp ${f}`;
    add(
      ethernet(0x0800, ipv4({ src: c, dst: '10.2.0.1', proto: 6, payload: tcp({ sport: 30000 + f }) })),
      flow,
    );
    add(
      ethernet(
        0x0800,
        ipv4({ src: '10.2.0.1', dst: c, proto: 6, payload: tcp({ sport: 80, dport: 30000 + f }) }),
      ),
      flow,
    );
    if (f % 10 === 0) add(ethernet(0x0806, new Uint8Array(28)), '');
  }
  for (let f = 0; f < 20; f++) {
    const src = `10.3.${f}.1`;
    const flow = `udp ${f}`;
    const d = udp({ sport: 40000 + f, dport: 7777, payload: new Uint8Array(100).fill(0x41) });
    add(ethernet(0x0800, ipv4({ src, dst: '10.4.0.1', proto: 17, payload: d })), flow);
    const parts = [d.subarray(0, 40), d.subarray(40, 80), d.subarray(80)];
    for (const i of [2, 1, 0]) {
      const frag = (i < 2 ? 0x2000 : 0) | (i * 5);
      add(
        ethernet(0x0800, ipv4({ src, dst: '10.4.0.1', proto: 17, id: 900 + f, frag, payload: parts[i]! })),
        flow,
      );
    }
  }
  // Never completes: the first fragment is missing. It goes to its address-pair shard at the end.
  add(
    ethernet(
      0x0800,
      ipv4({ src: '10.5.0.1', dst: '10.6.0.1', proto: 17, id: 7, frag: 5, payload: new Uint8Array(16) }),
    ),
    'lone fragment',
  );
  const path = join(dir, 'mixed.pcap');
  writeFileSync(path, pcapFile(recs));
  return { path, flowOf };
}

describe('readShard: every thread reads the whole file and keeps its own shard', () => {
  it('gives each record to exactly one shard, whole flows (fragments included) to one shard', async () => {
    const { path, flowOf } = capture();
    for (const threads of [1, 2, 3, 5]) {
      for (const logs of [false, true]) {
        const owner = new Map<number, number>();
        const shardOfFlow = new Map<string, number>();
        for (let shard = 0; shard < threads; shard++) {
          const error = await readShard(path, shard, threads, logs, (rec, num) => {
            expect(owner.has(num)).toBe(false);
            owner.set(num, shard);
            expect(rec.caplen).toBeGreaterThan(0);
            const flow = flowOf[num]!;
            if (flow === '') expect(shard).toBe(0); // not IP: shard 0
            if (!shardOfFlow.has(flow)) shardOfFlow.set(flow, shard);
            expect(shardOfFlow.get(flow), `${flow} on one shard`).toBe(shard);
          });
          expect(error).toBeNull();
        }
        expect(owner.size).toBe(flowOf.length - 1);
        if (threads > 1) expect(new Set(owner.values()).size).toBeGreaterThan(1);
      }
    }
  });

  it('returns the format error that ends the file, after routing every record before it', async () => {
    const { path } = capture();
    const cut = join(dir, 'cut.pcap');
    const bytes = readFileSync(path);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 3));
    let seen = 0;
    let progress = 0;
    for (let shard = 0; shard < 2; shard++) {
      const error = await readShard(
        cut,
        shard,
        2,
        false,
        () => void seen++,
        (_bytes, records) => (progress = records),
      );
      expect(error?.message).toMatch(/truncated record/);
    }
    // The last record (the lone fragment) is the one cut short.
    expect(seen).toBe(30 * 2 + 3 + 20 * 4);
    expect(progress).toBe(seen);
  });
});
