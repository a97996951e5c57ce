import { describe, expect, it } from 'vitest';
import { looksLikeDce, newHeader, readBind, readBindAck, readHeader, uuidAt } from './pdu.js';
import { bind, bindAck, request, uuidBytes } from './testkit.js';

const UUID = '3919286a-b10c-11d0-9ba8-00c04fd92ef5';

describe('DCE/RPC PDU reading', () => {
  it('formats UUIDs in both byte orders', () => {
    expect(uuidAt(Uint8Array.from(uuidBytes(UUID, true)), 0, true)).toBe(UUID);
    expect(uuidAt(Uint8Array.from(uuidBytes(UUID, false)), 0, false)).toBe(UUID);
  });

  it('reads the header fields in the drep byte order', () => {
    const h = newHeader();
    expect(readHeader(request(0, 9, [1, 2], { callId: 0x01020304, little: false }), 0, 100, h)).toBe(true);
    expect(h).toMatchObject({ ptype: 0, little: false, fragLen: 26, callId: 0x01020304 });
    expect(readHeader(Uint8Array.from([5, 2, 0, 3]), 0, 4, h)).toBe(false);
  });

  it('reads bind items and bind_ack results; truncation gives null', () => {
    const b = bind([{ ctx: 2, uuid: UUID, version: 4 }]);
    const h = newHeader();
    readHeader(b, 0, b.length, h);
    expect(readBind(b, 0, h)).toEqual([{ ctxId: 2, uuid: UUID, version: 4 }]);
    const a = bindAck([0, 2]);
    readHeader(a, 0, a.length, h);
    expect(readBindAck(a, 0, h)).toEqual([true, false]);
    h.fragLen = 40;
    expect(readBindAck(a, 0, h)).toBeNull();
  });

  it('recognises a CO header for service identification, not other binary protocols', () => {
    expect(looksLikeDce(bind([{ ctx: 0, uuid: UUID, version: 1 }]))).toBe(true);
    expect(looksLikeDce(request(0, 1, [], { little: false }))).toBe(true);
    expect(looksLikeDce(Uint8Array.from([5, 1, 0, 3, 0x10, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0]))).toBe(false);
    // SOCKS5 CONNECT with a domain name.
    expect(looksLikeDce(Uint8Array.from([5, 1, 0, 3, 11, ...Buffer.from('example.com'), 0, 80]))).toBe(false);
  });
});
