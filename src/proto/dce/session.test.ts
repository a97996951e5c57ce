import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { appChunks } from '../testkit-pcap.js';
import { DceSession, type DcePdu } from './session.js';
import { MAX_STUB } from './defrag.js';
import { bind, bindAck, concat, request, response } from './testkit.js';

const SRVSVC = '4b324fc8-1670-01d3-1278-5a47bf6ee188';
const fixture = (p: string) => fileURLToPath(new URL(`../../../test/fixtures/${p}`, import.meta.url));

function run(
  chunks: { dir: 0 | 1; bytes: Uint8Array }[],
  step = 1 << 20,
): { pdus: DcePdu[]; ev: EventCounts } {
  const ev = new EventCounts();
  const s = new DceSession(ev);
  const pdus: DcePdu[] = [];
  const sink = { dcePdu: (p: DcePdu) => pdus.push(p) };
  for (const c of chunks)
    for (let i = 0; i < c.bytes.length; i += step)
      s.feed(c.dir, c.bytes, i, Math.min(step, c.bytes.length - i), sink);
  return { pdus, ev };
}

const stubText = (p: DcePdu) => Array.from(p.stub.data.subarray(p.stub.off, p.stub.off + p.stub.len));

describe('DceSession', () => {
  it('reads the request of dcerpc-dcepayload-18: opnum, byte order and the stub', () => {
    const tcp = appChunks(fixture('suricata-verify/sv__dcerpc__dcerpc-dcepayload-18/input.pcap')).filter(
      (c) => c.kind === 'tcp',
    );
    expect(tcp).toHaveLength(1);
    const { pdus } = run([{ dir: 0, bytes: tcp[0]!.data }]);
    expect(pdus).toHaveLength(1);
    const p = pdus[0]!;
    expect(p).toMatchObject({
      ptype: 0,
      opnum: 26,
      little: true,
      firstFrag: true,
      iface: '',
      streamEnd: 104,
    });
    // 104-byte PDU, 24-byte request header: an 80-byte stub with the \\1 string at offset 16.
    expect(p.stub.len).toBe(80);
    expect(stubText(p).slice(16, 21)).toEqual([0x5c, 0, 0x5c, 0, 0x31]);
  });

  it('binds a context only when the server accepts it, and gives it to requests and responses', () => {
    const b = bind([
      { ctx: 0, uuid: SRVSVC, version: 3 },
      { ctx: 1, uuid: '12345778-1234-abcd-ef00-0123456789ab', version: 0 },
    ]);
    const { pdus } = run([
      { dir: 0, bytes: b },
      { dir: 1, bytes: bindAck([0, 2]) },
      {
        dir: 0,
        bytes: concat(request(0, 15, [1, 2, 3, 4], { callId: 7 }), request(1, 2, [9], { callId: 8 })),
      },
      { dir: 1, bytes: response(0, [5, 6], { callId: 7 }) },
    ]);
    expect(pdus.map((p) => [p.dir, p.ptype, p.iface, p.ifaceVersion, p.opnum])).toEqual([
      [0, 0, SRVSVC, 3, 15],
      [0, 0, '', 0, 2], // context 1 was rejected
      [1, 2, SRVSVC, 3, 15], // a response takes its request's opnum
    ]);
    expect(stubText(pdus[0]!)).toEqual([1, 2, 3, 4]);
  });

  it('reads big-endian PDUs (drep) and formats their UUIDs the same', () => {
    const o = { little: false };
    const { pdus } = run([
      { dir: 0, bytes: bind([{ ctx: 5, uuid: SRVSVC, version: 3 }], o) },
      { dir: 1, bytes: bindAck([0], o) },
      { dir: 0, bytes: request(5, 0x1234, [0xde, 0xad], o) },
    ]);
    expect(pdus).toHaveLength(1);
    expect(pdus[0]).toMatchObject({ iface: SRVSVC, ifaceVersion: 3, opnum: 0x1234, little: false });
  });

  it('gives the same PDUs whatever the chunking', () => {
    const stream = concat(
      bind([{ ctx: 0, uuid: SRVSVC, version: 3 }]),
      request(0, 15, [1, 2, 3], { flags: 1, callId: 2 }),
      request(0, 15, [4, 5], { flags: 2, callId: 2 }),
    );
    const whole = run([{ dir: 0, bytes: stream }]).pdus.map(stubText);
    for (const step of [1, 3, 7, 16, 17])
      expect(run([{ dir: 0, bytes: stream }], step).pdus.map(stubText)).toEqual(whole);
  });

  it('reassembles a fragmented request: each fragment, then the whole stub (first context, last opnum)', () => {
    const { pdus } = run([
      { dir: 0, bytes: bind([{ ctx: 0, uuid: SRVSVC, version: 3 }]) },
      { dir: 1, bytes: bindAck([0]) },
      {
        dir: 0,
        bytes: concat(
          request(0, 15, [1, 2], { flags: 1, callId: 3 }),
          request(0, 15, [3], { flags: 0, callId: 3 }),
          request(1, 16, [4, 5], { flags: 2, callId: 3 }),
        ),
      },
    ]);
    expect(pdus.map((p) => [stubText(p), p.firstFrag, p.reassembled, p.opnum, p.iface])).toEqual([
      [[1, 2], true, false, 15, SRVSVC],
      [[3], false, false, 15, SRVSVC],
      [[4, 5], false, false, 16, ''],
      [[1, 2, 3, 4, 5], true, true, 16, SRVSVC],
    ]);
  });

  it('drops a middle fragment without a first one, and caps a reassembled stub', () => {
    const big = new Array<number>(60000).fill(0x41);
    const { pdus, ev } = run([
      { dir: 0, bytes: request(0, 1, [9], { flags: 0, callId: 4 }) },
      { dir: 0, bytes: request(0, 1, big, { flags: 1, callId: 5 }) },
      { dir: 0, bytes: request(0, 1, big, { flags: 2, callId: 5 }) },
    ]);
    expect(ev.get('dce_rpc_frag_without_first')).toBe(1);
    expect(ev.get('dce_rpc_reassembly_truncated')).toBe(1);
    expect(pdus.at(-1)).toMatchObject({ reassembled: true });
    expect(pdus.at(-1)!.stub.len).toBe(MAX_STUB);
  });

  it('excludes the auth verifier from the stub', () => {
    const { pdus } = run([
      { dir: 0, bytes: request(0, 1, [1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0], { authLen: 16 }) },
    ]);
    // frag_len covers stub + 8-byte sec_trailer + 16-byte verifier: the stub is the first 4 bytes.
    expect(pdus[0]!.stub.len).toBe(4);
  });

  it('stops a direction that loses framing, with a named event', () => {
    const { pdus, ev } = run([
      { dir: 0, bytes: Uint8Array.from([4, 0, 0, 3, 0x10, 0, 0, 0, 16, 0, 0, 0, 1, 0, 0, 0]) },
      { dir: 0, bytes: request(0, 1, [1]) },
    ]);
    expect(pdus).toHaveLength(0);
    expect(ev.get('dce_rpc_bad_version')).toBe(1);
  });
});
