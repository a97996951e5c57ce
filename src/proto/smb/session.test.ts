import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { concat } from '../dce/testkit.js';
import { appChunks } from '../testkit-pcap.js';
import { FILE_DEPTH, type SmbFileChunk } from './files.js';
import { HEAD_MAX, SmbSession } from './session.js';
import { closeReq, createReq, createResp, readReq, readResp, writeReq } from './testkit.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../../test/fixtures/${p}`, import.meta.url));
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

function run(chunks: { dir: 0 | 1; bytes: Uint8Array }[], step = 1 << 24) {
  const ev = new EventCounts();
  const s = new SmbSession(ev);
  const out: SmbFileChunk[] = [];
  const sink = { smbFile: (c: SmbFileChunk) => out.push(c) };
  for (const c of chunks)
    for (let i = 0; i < c.bytes.length; i += step)
      s.feed(c.dir, c.bytes, i, Math.min(step, c.bytes.length - i), sink);
  return { out, ev, s };
}

const text = (c: SmbFileChunk) => Buffer.from(c.data).toString('latin1');
const bytes = (s: string) => [...Buffer.from(s, 'latin1')];

describe('SmbSession', () => {
  it('finds the EICAR file written over SMB1 in smb-eicar-file (NT_CREATE_ANDX, WRITE_ANDX, CLOSE)', () => {
    const chunks = appChunks(fixture('suricata-verify/sv__smb-eicar-file/input.pcap'))
      .filter((c) => c.kind === 'tcp')
      .map((c) => ({ dir: c.dir, bytes: c.data }));
    for (const step of [1 << 24, 1, 5]) {
      const { out, s } = run(chunks, step);
      expect(s.dialect).toBe(1);
      expect(out.map((c) => [c.dir, c.name, c.offset, text(c)])).toEqual([[0, '\\eicar', 0, EICAR]]);
    }
  });

  it('SMB2: written and read data in file order; retransmitted bytes once; nothing after CLOSE', () => {
    const { out, s } = run([
      { dir: 0, bytes: createReq(1, 'dir\\a.txt') },
      { dir: 1, bytes: createResp(1, 7) },
      { dir: 0, bytes: concat(writeReq(2, 7, 0, bytes('hello ')), writeReq(3, 7, 3, bytes('lo world'))) },
      { dir: 0, bytes: concat(readReq(4, 7, 11, 5), closeReq(5, 7), writeReq(6, 7, 11, bytes('x'))) },
      { dir: 1, bytes: readResp(4, bytes('!!!')) },
    ]);
    expect(s.dialect).toBe(2);
    expect(out.map((c) => [c.dir, c.name, c.offset, text(c)])).toEqual([
      [0, 'dir\\a.txt', 0, 'hello '],
      [0, 'dir\\a.txt', 6, 'world'],
    ]);
  });

  it('holds a chunk written ahead of a gap until the gap fills', () => {
    const { out } = run([
      { dir: 0, bytes: createReq(1, 'f') },
      { dir: 1, bytes: createResp(1, 1) },
      { dir: 0, bytes: concat(writeReq(2, 1, 4, bytes('EFGH')), writeReq(3, 1, 0, bytes('ABCD'))) },
    ]);
    expect(out.map((c) => [c.offset, text(c)])).toEqual([
      [0, 'ABCD'],
      [4, 'EFGH'],
    ]);
  });

  it('streams data past the head of a large message, up to the file depth, whatever the chunking', () => {
    const data = Array.from({ length: 3 * HEAD_MAX }, (_, i) => (i * 7) & 0xff);
    const stream = [
      { dir: 0 as const, bytes: createReq(1, 'big') },
      { dir: 1 as const, bytes: createResp(1, 2) },
      { dir: 0 as const, bytes: concat(writeReq(2, 2, 0, data), writeReq(3, 2, data.length, data)) },
    ];
    for (const step of [1 << 24, 1000, 4099]) {
      const { out } = run(stream, step);
      const got = concat(...out.map((c) => c.data));
      expect(got.length).toBe(FILE_DEPTH);
      expect(Array.from(got.subarray(0, data.length))).toEqual(data);
      expect(out.every((c, i) => i === 0 || c.offset === out[i - 1]!.offset + out[i - 1]!.data.length)).toBe(
        true,
      );
    }
  });

  it('stops on bytes that are not NetBIOS session framing', () => {
    const { out, ev } = run([{ dir: 0, bytes: Uint8Array.from([0x47, 0x45, 0x54, 0x20, 1, 2, 3]) }]);
    expect(out).toHaveLength(0);
    expect(ev.get('smb_bad_netbios_type')).toBe(1);
  });
});
