import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Spool, batchId } from './spool.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'vigil-spool-'));

describe('spool', () => {
  it('keeps batches in order on disk with a unique batch id each, across a restart', async () => {
    const dir = tmp();
    const s = await Spool.open(dir, 1 << 20, 'node-a');
    const a = await s.put('samples', { samples: [1] });
    const b = await s.put('alerts', { node: 'node-a', alerts: [] });
    expect(a?.seq).toBe(1);
    expect(b?.seq).toBe(2);
    const again = await Spool.open(dir, 1 << 20, 'node-a');
    expect(again.entries().map((e) => [e.seq, e.kind])).toEqual([
      [1, 'samples'],
      [2, 'alerts'],
    ]);
    const c = await again.put('logs', { node: 'node-a', logs: {} });
    expect(c?.seq).toBe(3); // the sequence goes on from what is on disk
    const ids = await Promise.all(
      again.entries().map(async (e) => (JSON.parse(await again.read(e)) as { batch_id: string }).batch_id),
    );
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^node-a:\d+:[0-9a-f]{8}$/);
  });

  it('ignores and removes a half-written temporary file after a crash', async () => {
    const dir = tmp();
    const s = await Spool.open(dir, 1 << 20, 'n');
    await s.put('samples', { samples: [] });
    writeFileSync(join(dir, '000000000002.samples.json.tmp'), '{"batch_id":"n:2:ab","samp'); // crash mid-write
    const again = await Spool.open(dir, 1 << 20, 'n');
    expect(again.size).toBe(1);
    expect(again.stats.partialRemoved).toBe(1);
    expect(existsSync(join(dir, '000000000002.samples.json.tmp'))).toBe(false);
    expect((await again.put('samples', { samples: [] }))?.seq).toBe(2);
  });

  it('refuses batches past its bound and never drops what it holds', async () => {
    const dir = tmp();
    const body = { samples: ['x'.repeat(400)] };
    const s = await Spool.open(dir, 1000, 'n');
    expect(await s.put('samples', body)).not.toBeNull();
    expect(await s.put('samples', body)).not.toBeNull();
    expect(await s.put('samples', body)).toBeNull();
    expect(s.stats.refused).toBe(1);
    expect(s.size).toBe(2);
    expect(s.bytes).toBeLessThanOrEqual(1000);
    await s.remove(s.first()!);
    expect(await s.put('samples', body)).not.toBeNull(); // room again
    expect(s.entries().map((e) => e.seq)).toEqual([2, 3]); // a refused batch takes no sequence number
  });

  it('moves a rejected batch to rejected/ with the server message beside it', async () => {
    const dir = tmp();
    const s = await Spool.open(dir, 1 << 20, 'n');
    const e = (await s.put('alerts', { node: 'n', alerts: [{ bad: true }] }))!;
    await s.put('samples', { samples: [] });
    const to = await s.reject(e, 'HTTP 400: {"error":"bad_request"}');
    expect(to).toBe(join(dir, 'rejected', '000000000001.alerts.json'));
    expect(readFileSync(`${to}.reason.txt`, 'utf8')).toContain('bad_request');
    expect(s.first()?.seq).toBe(2);
    const again = await Spool.open(dir, 1 << 20, 'n');
    expect(again.entries().map((x) => x.seq)).toEqual([2]); // not resent after a restart
    expect(readdirSync(join(dir, 'rejected')).sort()).toEqual([
      '000000000001.alerts.json',
      '000000000001.alerts.json.reason.txt',
    ]);
  });

  it('makes batch ids the server accepts from any node name', () => {
    const id = batchId('ip-10-0-0-1.ec2.internal/weird name'.repeat(5), 123456, 'deadbeef');
    expect(id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    expect(id.endsWith(':123456:deadbeef')).toBe(true);
  });

  it('names a spool directory it cannot create', async () => {
    const file = join(tmp(), 'a-file');
    writeFileSync(file, '');
    await expect(Spool.open(join(file, 'spool'), 1000, 'n')).rejects.toThrow(
      /spool .*a-file\/spool: ENOTDIR/,
    );
  });
});
