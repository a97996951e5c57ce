import { describe, expect, it } from 'vitest';
import { EventCounts } from '../core/counters.js';
import { latin1 } from '../core/bytes.js';
import { IpProto, type Packet } from '../packet/packet.js';
import { EndReason, type FlowConfig } from './config.js';
import { FlowEngine, flowHash, isStreamed } from './engine.js';
import { TcpState, type Dir, type Flow } from './flow.js';
import { ACK, FIN, mkPkt, RST, SYN, type PktSpec } from './test-packets.js';
import type { PduClock } from './tcp-stream.js';

class Recorder {
  pdus: { dir: Dir; text: string; flow: number; pktNum: number; us: number }[] = [];
  ended: { id: number; reason: number }[] = [];
  onPdu(
    flow: Flow,
    dir: Dir,
    data: Uint8Array,
    start: number,
    end: number,
    pkt: Packet,
    clock: PduClock,
  ): void {
    this.pdus.push({ dir, text: latin1(data, start, end), flow: flow.id, pktNum: pkt.num, us: clock.at(0) });
  }
  onFlowEnd(flow: Flow, reason: number): void {
    this.ended.push({ id: flow.id, reason });
  }
  texts(dir?: Dir): string[] {
    return this.pdus.filter((p) => dir === undefined || p.dir === dir).map((p) => p.text);
  }
}

function setup(cfg: Partial<FlowConfig> = {}) {
  const events = new EventCounts();
  const rec = new Recorder();
  const eng = new FlowEngine(cfg, events, rec);
  const send = (spec: PktSpec) => {
    const f = eng.process(mkPkt(spec));
    return { f: f!, dir: eng.dir };
  };
  return { events, rec, eng, send };
}

const C = { src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80 };
const S = { src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 40000 };

/** Handshake with client ISN 1000 and server ISN 5000; data then starts at 1001 / 5001. */
function handshake(send: ReturnType<typeof setup>['send']) {
  const a = send({ ...C, flags: SYN, seq: 1000 });
  send({ ...S, flags: SYN | ACK, seq: 5000, ack: 1001 });
  send({ ...C, flags: ACK, seq: 1001, ack: 5001 });
  return a.f;
}

describe('FlowEngine: flows and TCP state', () => {
  it('walks the 3-way handshake to established, with directions', () => {
    const { send } = setup();
    const a = send({ ...C, flags: SYN, seq: 1000 });
    expect(a.dir).toBe(0);
    expect(a.f.tcpState).toBe(TcpState.SYN_SENT);
    expect(a.f.established).toBe(false);
    const b = send({ ...S, flags: SYN | ACK, seq: 5000, ack: 1001 });
    expect(b.f).toBe(a.f);
    expect(b.dir).toBe(1);
    expect(a.f.tcpState).toBe(TcpState.SYN_RCVD);
    expect(a.f.established).toBe(false);
    const c = send({ ...C, flags: ACK, seq: 1001, ack: 5001 });
    expect(c.dir).toBe(0);
    expect(a.f.tcpState).toBe(TcpState.ESTABLISHED);
    expect(a.f.established).toBe(true);
    expect(a.f.midstream).toBe(false);
    expect(a.f.clientPort).toBe(40000);
    expect(a.f.serverPort).toBe(80);
    expect([...a.f.clientIp.subarray(0, 4)]).toEqual([10, 0, 0, 1]);
    expect([a.f.packets(0), a.f.packets(1)]).toEqual([2, 1]);
    expect([a.f.ipBytes(0), a.f.ipBytes(1)]).toEqual([80, 40]);
  });

  it('closes on both FINs acknowledged, and on RST', () => {
    const { send } = setup();
    const f = handshake(send);
    send({ ...C, flags: FIN | ACK, seq: 1001, ack: 5001 });
    expect(f.tcpState).toBe(TcpState.CLOSING);
    send({ ...S, flags: FIN | ACK, seq: 5001, ack: 1002 });
    expect(f.tcpState).toBe(TcpState.CLOSING);
    send({ ...C, flags: ACK, seq: 1002, ack: 5002 });
    expect(f.tcpState).toBe(TcpState.CLOSED);
    const g = setup();
    const f2 = handshake(g.send);
    g.send({ ...S, flags: RST, seq: 5001 });
    expect(f2.tcpState).toBe(TcpState.CLOSED);
  });

  it('starts a new session when a SYN reuses a closed 5-tuple', () => {
    const { send, rec, eng } = setup();
    const f = handshake(send);
    const oldId = f.id;
    send({ ...C, flags: RST, seq: 1001 });
    const n = send({ ...C, flags: SYN, seq: 9000 });
    expect(n.f.id).not.toBe(oldId);
    expect(n.f.tcpState).toBe(TcpState.SYN_SENT);
    expect(rec.ended).toEqual([{ id: oldId, reason: EndReason.REUSE }]);
    expect(eng.stats.reused).toBe(1);
    expect(eng.stats.active).toBe(1);
  });

  it('picks up midstream: the higher port is the client, data means established', () => {
    const { send } = setup();
    const a = send({ ...S, flags: ACK | 8, seq: 7, ack: 9, payload: 'HTTP/1.1 200' });
    expect(a.dir).toBe(1);
    expect(a.f.midstream).toBe(true);
    expect(a.f.established).toBe(true);
    expect(a.f.clientPort).toBe(40000);
    const g = setup();
    const b = g.send({ src: '1.1.1.1', dst: '2.2.2.2', sport: 5000, dport: 6000, flags: ACK });
    expect(b.dir).toBe(1);
    expect(b.f.clientPort).toBe(6000);
    expect(b.f.established).toBe(false);
  });

  it('treats a SYN-ACK first as the server speaking', () => {
    const { send } = setup();
    const a = send({ ...S, flags: SYN | ACK, seq: 5000, ack: 1001 });
    expect(a.dir).toBe(1);
    expect(a.f.tcpState).toBe(TcpState.SYN_RCVD);
    send({ ...C, flags: ACK, seq: 1001, ack: 5001 });
    expect(a.f.established).toBe(true);
  });

  it('pairs ICMP echo request and reply by identifier; other messages by type/code', () => {
    const { send, eng } = setup();
    const icmp = { proto: IpProto.ICMP, sport: 0, dport: 0 };
    const req = send({ ...icmp, src: '1.1.1.1', dst: '2.2.2.2', icmpType: 8, icmpId: 7 });
    const rep = send({ ...icmp, src: '2.2.2.2', dst: '1.1.1.1', icmpType: 0, icmpId: 7 });
    expect(rep.f).toBe(req.f);
    expect(rep.dir).toBe(1);
    expect(req.f.established).toBe(true);
    const other = send({ ...icmp, src: '1.1.1.1', dst: '2.2.2.2', icmpType: 8, icmpId: 8 });
    expect(other.f).not.toBe(req.f);
    const unreach = send({ ...icmp, src: '2.2.2.2', dst: '1.1.1.1', icmpType: 3, icmpCode: 1 });
    expect(unreach.f).not.toBe(req.f);
    expect(unreach.f.clientPort).toBe(0);
    expect(eng.stats.icmp).toBe(3);
  });

  it('keys other IP protocols by address pair and protocol', () => {
    const { send } = setup();
    const a = send({ proto: IpProto.GRE, src: '1.1.1.1', dst: '2.2.2.2' });
    const b = send({ proto: IpProto.GRE, src: '2.2.2.2', dst: '1.1.1.1' });
    const c = send({ proto: IpProto.ESP, src: '2.2.2.2', dst: '1.1.1.1' });
    expect(b.f).toBe(a.f);
    expect(c.f).not.toBe(a.f);
  });

  it('keys IPv6 flows on all 128 bits', () => {
    const { send } = setup();
    const a = send({ src: '2001:db8::1', dst: '2001:db8::2', sport: 1234, dport: 53, proto: IpProto.UDP });
    const b = send({ src: '2001:db8::2', dst: '2001:db8::1', sport: 53, dport: 1234, proto: IpProto.UDP });
    const c = send({ src: '2001:db9::1', dst: '2001:db8::2', sport: 1234, dport: 53, proto: IpProto.UDP });
    expect(b.f).toBe(a.f);
    expect(b.dir).toBe(1);
    expect(c.f).not.toBe(a.f);
    expect(a.f.ipVer).toBe(6);
  });

  it('marks UDP established once both directions were seen (or at once when configured)', () => {
    const { send } = setup();
    const u = { proto: IpProto.UDP, sport: 5353, dport: 53 };
    const q = send({ ...u, src: '1.1.1.1', dst: '2.2.2.2' });
    expect(q.f.established).toBe(false);
    send({ ...u, src: '1.1.1.1', dst: '2.2.2.2' });
    expect(q.f.established).toBe(false);
    send({ proto: IpProto.UDP, sport: 53, dport: 5353, src: '2.2.2.2', dst: '1.1.1.1' });
    expect(q.f.established).toBe(true);
    const g = setup({ udpEstablishedOnFirst: true });
    expect(g.send({ ...u }).f.established).toBe(true);
  });

  it('has a symmetric flow hash', () => {
    const a = flowHash(mkPkt({ ...C }));
    const b = flowHash(mkPkt({ ...S }));
    const c = flowHash(mkPkt({ ...C, sport: 40001 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});

describe('FlowEngine: timeouts and cap', () => {
  it('expires idle flows per protocol timeout', () => {
    const { send, eng, rec } = setup();
    send({ proto: IpProto.UDP, sport: 1, dport: 2, ts: 100 });
    const t = send({ ...C, flags: SYN, ts: 100 });
    eng.expire(130);
    expect(eng.stats.active).toBe(2);
    eng.expire(131);
    expect(eng.stats.active).toBe(1);
    expect(rec.ended).toEqual([{ id: t.f.id, reason: EndReason.TIMEOUT }]);
    eng.expire(280);
    expect(eng.stats.active).toBe(1);
    eng.expire(281);
    expect(eng.stats.active).toBe(0);
    expect(eng.stats.timedOut).toBe(2);
  });

  it('keeps established TCP for an hour and moves closed TCP to the short timeout', () => {
    const { send, eng } = setup();
    handshake(send);
    eng.expire(1000);
    expect(eng.stats.active).toBe(1);
    eng.expire(3602);
    expect(eng.stats.active).toBe(0);
    const g = setup();
    handshake(g.send);
    g.send({ ...C, flags: RST, seq: 1001, ts: 10 });
    g.eng.expire(41);
    expect(g.eng.stats.active).toBe(0);
  });

  it('evicts the least recently used flow at the cap, with an event', () => {
    const { send, eng, events, rec } = setup({ maxFlows: 2 });
    const a = send({ proto: IpProto.UDP, sport: 1, dport: 2, ts: 1 });
    const aid = a.f.id;
    const b = send({ proto: IpProto.UDP, sport: 3, dport: 4, ts: 2 });
    const bid = b.f.id;
    send({ proto: IpProto.UDP, sport: 1, dport: 2, ts: 3 }); // a is now the most recent
    const c = send({ proto: IpProto.UDP, sport: 5, dport: 6, ts: 4 });
    expect(events.get('flow_lru_evict')).toBe(1);
    expect(rec.ended).toEqual([{ id: bid, reason: EndReason.LRU }]);
    expect(eng.stats.active).toBe(2);
    expect(send({ proto: IpProto.UDP, sport: 1, dport: 2, ts: 5 }).f.id).toBe(aid);
    expect(c.f.id).not.toBe(bid);
  });

  it('closeAll ends every flow', () => {
    const { send, eng, rec } = setup();
    send({ proto: IpProto.UDP, sport: 1, dport: 2 });
    send({ ...C, flags: SYN });
    eng.closeAll();
    expect(eng.stats.active).toBe(0);
    expect(rec.ended.map((e) => e.reason)).toEqual([EndReason.CLOSE_ALL, EndReason.CLOSE_ALL]);
  });
});

describe('FlowEngine: reassembly flush policy', () => {
  it('flushes a direction when the other side acknowledges it, before queuing the new packet', () => {
    const { send, rec, eng } = setup();
    const f = handshake(send);
    send({ ...C, seq: 1001, ack: 5001, payload: 'GET ', num: 4 });
    expect(eng.streamed).toBe(true);
    expect(isStreamed(f, mkPkt({ num: 4 }))).toBe(true);
    send({ ...C, seq: 1005, ack: 5001, payload: '/ HTTP/1.1\r\n\r\n', num: 5 });
    expect(rec.pdus).toEqual([]);
    // The server acknowledges only "GET " while sending data of its own.
    send({ ...S, seq: 5001, ack: 1005, payload: 'HTTP/1.1 200 OK', num: 6 });
    expect(rec.pdus).toEqual([{ dir: 0, text: 'GET ', flow: f.id, pktNum: 6, us: 1_000_000 }]);
    send({ ...C, seq: 1019, ack: 5016, num: 7 });
    expect(rec.texts()).toEqual(['GET ', 'HTTP/1.1 200 OK']);
    send({ ...S, seq: 5016, ack: 1019, num: 8 });
    expect(rec.texts(0)).toEqual(['GET ', '/ HTTP/1.1\r\n\r\n']);
    expect(eng.stats.pdus).toBe(3);
  });

  it('delivers the acknowledged PDU before any PDU of the acknowledging packet itself', () => {
    const { send, rec } = setup({ maxPdu: 4, maxUnacked: 4 });
    handshake(send);
    send({ ...C, seq: 1001, ack: 5001, payload: 'ab' });
    send({ ...S, seq: 5001, ack: 1003, payload: 'wxyz' });
    expect(rec.pdus.map((p) => [p.dir, p.text])).toEqual([
      [0, 'ab'],
      [1, 'wxyz'],
    ]);
  });

  it('holds in-order data until the peer ACKs it, as Snort 3 does in IDS mode, in PDUs of at most maxPdu', () => {
    const { send, rec } = setup({ maxPdu: 4 });
    handshake(send);
    send({ ...C, seq: 1001, ack: 5001, payload: 'abcdefghij' });
    expect(rec.texts()).toEqual([]);
    send({ ...S, seq: 5001, ack: 1007 });
    expect(rec.texts()).toEqual(['abcd', 'ef']);
    send({ ...S, seq: 5001, ack: 1011 });
    expect(rec.texts()).toEqual(['abcd', 'ef', 'ghij']);
  });

  it('flushes without an ACK once maxUnacked bytes wait (one-sided captures, lost ACKs)', () => {
    const { send, rec } = setup({ maxPdu: 4, maxUnacked: 8 });
    handshake(send);
    send({ ...C, seq: 1001, ack: 5001, payload: 'abcdef' });
    expect(rec.texts()).toEqual([]);
    send({ ...C, seq: 1007, ack: 5001, payload: 'ghij' });
    expect(rec.texts()).toEqual(['abcd', 'efgh']);
    send({ ...S, seq: 5001, ack: 1011 });
    expect(rec.texts()).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('bytes waiting for ACKs over all flows are bounded by flowMemcap: beyond it they flush', () => {
    const { send, rec } = setup({ maxPdu: 4, flowMemcap: 10 });
    handshake(send);
    send({ ...C, seq: 1001, ack: 5001, payload: 'abcdef' });
    expect(rec.texts()).toEqual([]);
    const C2 = { ...C, sport: 40001 };
    send({ ...C2, flags: SYN, seq: 7000 });
    send({ ...C2, seq: 7001, ack: 9001, payload: 'uvwxyz' });
    // 12 bytes held in all: the stream that grew flushes its whole maxPdu chunks.
    expect(rec.texts()).toEqual(['uvwx']);
  });

  it('a PDU carries the capture time of its first byte, as Snort stamps a reassembled packet', () => {
    const { send, rec } = setup({ maxPdu: 4 });
    handshake(send);
    send({ ...C, seq: 1001, ack: 5001, payload: 'ab', ts: 10.25 });
    send({ ...C, seq: 1005, ack: 5001, payload: 'ef', ts: 10.5 }); // early: waits for the hole
    send({ ...C, seq: 1003, ack: 5001, payload: 'cd', ts: 10.75 });
    send({ ...S, seq: 5001, ack: 1007, ts: 11 });
    expect(rec.pdus.map((p) => [p.text, p.us])).toEqual([
      ['abcd', 10_250_000],
      ['ef', 10_500_000],
    ]);
  });

  it('flushes on FIN in that direction and on RST', () => {
    const { send, rec } = setup();
    handshake(send);
    send({ ...C, seq: 1001, ack: 5001, payload: 'req' });
    send({ ...C, flags: FIN | ACK, seq: 1004, ack: 5001, payload: '!' });
    expect(rec.texts()).toEqual(['req!']);
    send({ ...S, seq: 5001, ack: 1006, payload: 'resp' });
    send({ ...S, flags: RST, seq: 5005 });
    expect(rec.texts()).toEqual(['req!', 'resp']);
  });

  it('flushAll delivers what is left, holes skipped', () => {
    const { send, rec, eng, events } = setup();
    handshake(send);
    send({ ...C, seq: 1001, ack: 5001, payload: 'one' });
    send({ ...C, seq: 1010, ack: 5001, payload: 'two' });
    eng.flushAll();
    expect(rec.texts()).toEqual(['one', 'two']);
    expect(events.get('stream_gap')).toBe(1);
  });

  it('delivers SYN data (TCP Fast Open) once the SYN-ACK acknowledges it', () => {
    const { send, rec } = setup();
    send({ ...C, flags: SYN, seq: 1000, payload: 'hello' });
    expect(rec.pdus).toEqual([]);
    send({ ...S, flags: SYN | ACK, seq: 5000, ack: 1006 });
    expect(rec.texts()).toEqual(['hello']);
  });

  it('reassembles across sequence-number wraparound', () => {
    const { send, rec } = setup();
    const isn = 0xfffffff8;
    send({ ...C, flags: SYN, seq: isn });
    send({ ...S, flags: SYN | ACK, seq: 77, ack: isn + 1 });
    send({ ...C, seq: isn + 1, ack: 78, payload: '0123456' }); // up to 0xffffffff
    send({ ...C, seq: 0, ack: 78, payload: 'ABCDEF' }); // starts at 0 after the wrap
    send({ ...C, seq: 10, ack: 78, payload: 'xyz' }); // hole 6..9: out of order
    send({ ...C, seq: 6, ack: 78, payload: 'GHIJ' });
    send({ ...S, seq: 78, ack: 13 });
    expect(rec.texts().join('')).toBe('0123456ABCDEFGHIJxyz');
  });

  it('does nothing with payload when reassembly is off', () => {
    const { send, rec, eng } = setup({ reassemble: false });
    const f = handshake(send);
    send({ ...C, seq: 1001, ack: 5001, payload: 'x' });
    send({ ...S, seq: 5001, ack: 1002 });
    eng.flushAll();
    expect(rec.pdus).toEqual([]);
    expect(eng.streamed).toBe(false);
    expect(f.established).toBe(true);
  });

  it('flushes a flow that times out', () => {
    const { send, rec, eng } = setup();
    handshake(send);
    send({ ...C, seq: 1001, ack: 5001, payload: 'late', ts: 1 });
    eng.expire(4000);
    expect(rec.texts()).toEqual(['late']);
  });
});
