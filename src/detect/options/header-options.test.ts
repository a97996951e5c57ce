import { describe, expect, it } from 'vitest';
import { TcpFlag } from '../../packet/packet.js';
import { diagnosticsOf, makePacket, matches } from '../testkit.js';

describe('header options', () => {
  it('flags: exact, +, *, ! and mask', () => {
    const synAck = makePacket('', { flags: TcpFlag.SYN | TcpFlag.ACK });
    expect(matches('flags:SA', '', synAck)).toBe(true);
    expect(matches('flags:S', '', synAck)).toBe(false);
    expect(matches('flags:S+', '', synAck)).toBe(true);
    expect(matches('flags:+S', '', synAck)).toBe(true);
    expect(matches('flags:*SF', '', synAck)).toBe(true);
    expect(matches('flags:*RF', '', synAck)).toBe(false);
    expect(matches('flags:!F', '', synAck)).toBe(true);
    expect(matches('flags:!S', '', synAck)).toBe(false);
    expect(matches('flags:S,A', '', synAck)).toBe(true);
    const none = makePacket('', { flags: 0 });
    expect(matches('flags:0', '', none)).toBe(true);
    expect(matches('flags:0', '', synAck)).toBe(false);
    expect(matches('flags:S', '', makePacket('', { proto: 17 }))).toBe(false);
    expect(diagnosticsOf('flags:SX')[0]!.message).toMatch(/unknown flag/);
  });

  it('fragbits', () => {
    const p = makePacket('');
    p.df = true;
    expect(matches('fragbits:D', '', p)).toBe(true);
    expect(matches('fragbits:M', '', p)).toBe(false);
    expect(matches('fragbits:!M', '', p)).toBe(true);
    expect(matches('fragbits:*MD', '', p)).toBe(true);
    expect(matches('fragbits:+MD', '', p)).toBe(false);
    p.mf = true;
    expect(matches('fragbits:MD', '', p)).toBe(true);
    expect(matches('fragbits:D+', '', p)).toBe(true);
    expect(diagnosticsOf('fragbits:Q')[0]!.message).toMatch(/unknown bit/);
  });

  it('ranges: itype, icode, dsize, ttl, id, ip_proto', () => {
    const icmp = makePacket('ping', { proto: 1 });
    icmp.icmpType = 8;
    icmp.icmpCode = 0;
    icmp.icmpId = 77;
    icmp.icmpSeq = 3;
    expect(matches('itype:8', '', icmp)).toBe(true);
    expect(matches('itype:5<>9', '', icmp)).toBe(true);
    expect(matches('itype:8<>9', '', icmp)).toBe(false);
    expect(matches('itype:8<=>9', '', icmp)).toBe(true);
    expect(matches('itype:>30', '', icmp)).toBe(false);
    expect(matches('icode:0', '', icmp)).toBe(true);
    expect(matches('icmp_id:77', '', icmp)).toBe(true);
    expect(matches('icmp_seq:3', '', icmp)).toBe(true);
    expect(matches('itype:8', '', makePacket(''))).toBe(false);
    expect(matches('dsize:4', '', icmp)).toBe(true);
    expect(matches('dsize:>3', '', icmp)).toBe(true);
    expect(matches('dsize:1<>3', '', icmp)).toBe(false);
    expect(matches('dsize:!4', '', icmp)).toBe(false);
    expect(matches('ttl:64', '', icmp)).toBe(true);
    expect(matches('ttl:<64', '', icmp)).toBe(false);
    expect(matches('ip_proto:icmp', '', icmp)).toBe(true);
    expect(matches('ip_proto:!1', '', icmp)).toBe(false);
    expect(matches('ip_proto:>0', '', icmp)).toBe(true);
    expect(diagnosticsOf('itype:300')[0]!.message).toMatch(/out of range/);
    expect(diagnosticsOf('dsize:5<>2')[0]!.message).toMatch(/exceeds/);
    expect(diagnosticsOf('ip_proto:bogus')[0]!.message).toMatch(/unknown protocol/);
  });

  it('seq, ack, window only on TCP', () => {
    const p = makePacket('');
    p.seq = 1000;
    p.ack = 0;
    p.win = 512;
    expect(matches('seq:1000', '', p)).toBe(true);
    expect(matches('ack:0', '', p)).toBe(true);
    expect(matches('window:512', '', p)).toBe(true);
    expect(matches('window:512', '', makePacket('', { proto: 17 }))).toBe(false);
  });
});
