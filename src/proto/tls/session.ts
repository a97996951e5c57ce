import type { EventCounts } from '../../core/counters.js';
import { u16be } from '../../core/bytes.js';
import { addHistory, HandshakeType, onHandshake, type HandshakeState } from './handshake.js';
import type { ClientHello, ServerHello } from './hello.js';
import { alertName } from './names.js';
import { newSslRecord, type SslSink } from './record.js';
import { SslStateBit, versionBit, type SslFlags } from './state.js';
import { certMatchesHost } from './x509.js';

const ContentType = { CCS: 20, ALERT: 21, HANDSHAKE: 22, APP_DATA: 23, HEARTBEAT: 24 } as const;
const RECORD_HDR = 5;
/** Largest record payload (2^14 + 2048, RFC 5246 §6.2.3). */
const MAX_RECORD = 18432;
/** Largest handshake message kept for parsing (certificate chains included). */
const MAX_HANDSHAKE = 1 << 18;

/**
 * Length of the SSLv2 CLIENT-HELLO record at b[p] (2-byte header with the high bit set, message type 1,
 * then the offered version and three lengths), 0 if it is not complete yet, -1 if it is not one.
 */
function sslv2ClientHello(b: Uint8Array, p: number, end: number): number {
  if (end - p < 3) return 0;
  const len = 2 + (((b[p]! & 0x7f) << 8) | b[p + 1]!);
  if (b[p + 2] !== 1 || len < 11 || len > MAX_RECORD) return -1;
  if (b[p + 3] !== 0 && b[p + 3] !== 3) return -1;
  return end - p < len ? 0 : len;
}

/** Per-direction parse state: the unconsumed tail of a record and of a handshake message. */
class DirState {
  rec: Uint8Array | null = null;
  hs: Uint8Array | null = null;
  encrypted = false;
  /** Set on bytes that are not TLS records: the direction is no longer parsed. */
  dead = false;
  /** Body bytes of a ciphertext record still to come: skipped as they arrive, never held. */
  skip = 0;
  skipType = 0;
  skipVersion = 0;
}

/**
 * TLS state of one TCP flow, fed in-order stream bytes. Records may span feeds and handshake messages may
 * span records. Emits one ssl.log record (Zeek semantics: when the session is established, otherwise at
 * `end`), and keeps Snort's ssl_state / ssl_version bits in `state`.
 */
export class TlsSession {
  readonly state: SslFlags = { stateBits: 0, versionBits: 0 };
  private readonly dirs = [new DirState(), new DirState()] as const;
  private readonly hs: HandshakeState;
  private seen = false;
  private logged = false;
  /**
   * Snort's stop_inspection for encrypted sessions (its ssl inspector with the default max_heartbeat_length
   * 0): set at the first chunk holding only application data once the handshake was full and clean —
   * ServerHelloDone from the server, ClientKeyExchange (or a CCS in that chunk) from the client — and both
   * sides have sent application data. TLS 1.3 and resumed sessions never qualify (no ServerHelloDone in
   * the clear), as in Snort, unless the flow was picked up midstream: then application data from both
   * sides is enough. A session Snort's decoder flags as not clean never stops: a hello whose version differs
   * from its record's (most clients send a TLS 1.2 ClientHello in a TLS 1.0 record), a handshake message
   * from the wrong side, a record that is not TLS.
   */
  private stopped = false;
  private serverDone = false;
  private unclean = false;
  /** Version field of the record being handled. */
  private recordVersion = 0;
  /** The last record header of the current chunk was a CCS (Snort reads the record after it as Finished). */
  private afterCcs = false;
  private readonly appSeen: [boolean, boolean] = [false, false];
  // record types whose header the current chunk holds
  private chunkApp = false;
  private chunkOther = false;
  private chunkCcs = false;

  /** `fingerprints`: compute JA3/JA3S/JA4/JA4S for ssl.log (runs that write no logs skip them). */
  constructor(events: EventCounts, fingerprints = true) {
    this.hs = {
      fingerprints,
      rec: newSslRecord(0),
      flags: this.state,
      events,
      clientHello: null,
      serverHello: null,
      hello: [null, null],
      version: 0,
      clientKeyExchangeSeen: false,
      clientTicketEmptySession: false,
      clientPsk: false,
      sessionId: null,
    };
  }

  get clientHello(): ClientHello | null {
    return this.hs.clientHello;
  }

  get serverHello(): ServerHello | null {
    return this.hs.serverHello;
  }

  /** The ssl_hello buffer: the last ClientHello (dir 0) or ServerHello (dir 1) message, header included. */
  helloBuffer(dir: 0 | 1 = 0): Uint8Array | null {
    return this.hs.hello[dir];
  }

  /** True once detection on the flow should stop (see `stopped`); the session goes on parsing and logging. */
  get stopInspection(): boolean {
    return this.stopped;
  }

  /** One in-order chunk of direction `dir`'s stream; `midstream`: the TCP flow was picked up midstream. */
  feed(
    dir: 0 | 1,
    data: Uint8Array,
    off: number,
    len: number,
    ts: number,
    sink: SslSink,
    midstream = false,
  ): void {
    const d = this.dirs[dir];
    if (d.dead || len <= 0) return;
    this.chunkApp = this.chunkOther = this.chunkCcs = this.afterCcs = false;
    this.feedRecords(dir, d, data, off, len, ts, sink);
    if (this.stopped || !this.chunkApp || this.chunkOther) return;
    const clean =
      !this.unclean &&
      !this.dirs[0].dead &&
      !this.dirs[1].dead &&
      (this.state.stateBits & SslStateBit.UNKNOWN) === 0;
    if (!clean || !this.appSeen[0] || !this.appSeen[1]) return;
    const keyed = this.hs.clientKeyExchangeSeen || this.chunkCcs;
    if ((this.serverDone && keyed) || midstream) this.stopped = true;
  }

  /**
   * Notes a record header of the current chunk for the stop decision, as Snort's decoder reads a PDU's
   * records: a handshake record right after a CCS is the encrypted Finished (it counts as the handshake's
   * end); one later in a chunk with a CCS is skipped; any other is a handshake record.
   */
  private noteRecord(dir: 0 | 1, type: number): void {
    const afterCcs = this.afterCcs;
    this.afterCcs = type === ContentType.CCS;
    if (type === ContentType.APP_DATA) {
      this.chunkApp = true;
      this.appSeen[dir] = true;
    } else if (type === ContentType.CCS) this.chunkCcs = true;
    else if (type === ContentType.HANDSHAKE && afterCcs) this.serverDone = true;
    else if (type === ContentType.HANDSHAKE && this.chunkCcs) return;
    else {
      this.chunkOther = true;
      // Snort forgets the peer's application data on an alert.
      if (type === ContentType.ALERT) this.appSeen[dir === 0 ? 1 : 0] = false;
    }
  }

  /** Snort's cleanliness checks on a plaintext handshake message of type `type` sent by `dir`. */
  private checkHandshake(dir: 0 | 1, type: number, b: Uint8Array, p: number, end: number): void {
    const T = HandshakeType;
    const hello = type === T.CLIENT_HELLO || type === T.SERVER_HELLO;
    const fromServer =
      type === T.SERVER_HELLO || type === T.SERVER_KEY_EXCHANGE || type === T.SERVER_HELLO_DONE;
    const fromClient = type === T.CLIENT_HELLO || type === T.CLIENT_KEY_EXCHANGE;
    if ((fromServer && dir === 0) || (fromClient && dir === 1)) this.unclean = true;
    if (hello && end - p >= 6) {
      const v = u16be(b, p + 4);
      if (v !== this.recordVersion || v < 0x0300 || v > 0x0303) this.unclean = true;
    }
    if (type === T.SERVER_HELLO_DONE && dir === 1) this.serverDone = true;
  }

  private feedRecords(
    dir: 0 | 1,
    d: DirState,
    data: Uint8Array,
    off: number,
    len: number,
    ts: number,
    sink: SslSink,
  ): void {
    let buf = data;
    let p = off;
    let end = Math.min(off + len, data.length);
    if (d.skip > 0) {
      const n = Math.min(d.skip, end - p);
      p += n;
      d.skip -= n;
      if (d.skip > 0) return;
      // The record is complete now: handled as if its body had been buffered (its bytes are not read).
      this.complete(dir, d.skipType, d.skipVersion, buf, p, p, ts, sink);
    }
    if (d.rec !== null) {
      buf = new Uint8Array(d.rec.length + end - p);
      buf.set(d.rec);
      buf.set(data.subarray(p, end), d.rec.length);
      p = 0;
      end = buf.length;
      d.rec = null;
    }
    if (dir === 0 && !this.seen && end - p >= 2 && (buf[p]! & 0x80) !== 0) {
      const v2 = sslv2ClientHello(buf, p, end);
      if (v2 === 0) {
        d.rec = buf.slice(p, end); // wait for the whole SSLv2 record
        return;
      }
      if (v2 > 0) p = this.onSslv2Hello(buf, p, v2, ts);
    }
    while (end - p >= RECORD_HDR) {
      const type = buf[p]!;
      const version = u16be(buf, p + 1);
      const n = u16be(buf, p + 3);
      if (type < ContentType.CCS || type > ContentType.HEARTBEAT || buf[p + 1] !== 3 || n > MAX_RECORD) {
        this.hs.events.add(this.seen ? 'SSL_invalid_record' : 'SSL_not_tls');
        d.dead = true;
        return;
      }
      this.noteRecord(dir, type);
      if (end - p - RECORD_HDR < n) {
        if (d.encrypted || type === ContentType.APP_DATA) {
          // Ciphertext: onRecord reads only its header, so the body is skipped instead of copied.
          d.skip = n - (end - p - RECORD_HDR);
          d.skipType = type;
          d.skipVersion = version;
          return;
        }
        break;
      }
      this.complete(dir, type, version, buf, p + RECORD_HDR, p + RECORD_HDR + n, ts, sink);
      p += RECORD_HDR + n;
    }
    if (p < end) d.rec = buf.slice(p, end);
  }

  /** A whole record: counts for `seen` and ssl_version, then its content is handled. */
  private complete(
    dir: 0 | 1,
    type: number,
    version: number,
    b: Uint8Array,
    p: number,
    end: number,
    ts: number,
    sink: SslSink,
  ): void {
    if (!this.seen) {
      this.seen = true;
      this.hs.rec.ts = ts;
    }
    this.state.versionBits |= versionBit(version);
    this.recordVersion = version;
    this.onRecord(dir, type, b, p, end, sink);
  }

  /**
   * An SSLv2-format ClientHello (old clients offering TLS this way): its version counts for ssl_version and
   * it is a client_hello for ssl_state, as in Snort's and Suricata's SSL parsers; TLS records follow it.
   */
  private onSslv2Hello(b: Uint8Array, p: number, len: number, ts: number): number {
    this.seen = true;
    this.hs.rec.ts = ts;
    this.state.stateBits |= SslStateBit.CLIENT_HELLO;
    this.state.versionBits |= versionBit(u16be(b, p + 3));
    return p + len;
  }

  /** The flow ended: log the session if it was not logged at establishment. */
  end(sink: SslSink): void {
    this.emit(sink);
  }

  private onRecord(dir: 0 | 1, type: number, b: Uint8Array, p: number, end: number, sink: SslSink): void {
    const d = this.dirs[dir];
    const rec = this.hs.rec;
    if (type === ContentType.CCS) {
      addHistory(rec, dir, 'i');
      d.encrypted = true;
      if (dir === 0 && this.hs.clientTicketEmptySession && !this.hs.clientKeyExchangeSeen) rec.resumed = true;
    } else if (d.encrypted || type === ContentType.APP_DATA) {
      // TLS 1.3 has no client CCS without middlebox compatibility: its first encrypted record does it.
      if (type === ContentType.APP_DATA && this.hs.version === 0x0304) d.encrypted = true;
      this.ciphertext(sink);
    } else if (type === ContentType.ALERT) {
      if (end - p >= 2) {
        addHistory(rec, dir, 'l');
        rec.last_alert = alertName(b[p + 1]!);
      }
    } else if (type === ContentType.HANDSHAKE) {
      this.handshakeBytes(dir, b, p, end);
      // After a TLS 1.3 ServerHello everything the server sends is encrypted.
      if (dir === 1 && this.hs.version === 0x0304) d.encrypted = true;
    } else if (type === ContentType.HEARTBEAT) addHistory(rec, dir, 'b');
    else this.state.stateBits |= SslStateBit.UNKNOWN;
  }

  private ciphertext(sink: SslSink): void {
    if (this.hs.rec.established || !this.dirs[0].encrypted || !this.dirs[1].encrypted) return;
    this.hs.rec.established = true;
    this.emit(sink);
  }

  private handshakeBytes(dir: 0 | 1, b: Uint8Array, p: number, end: number): void {
    const d = this.dirs[dir];
    let buf = b;
    if (d.hs !== null) {
      buf = new Uint8Array(d.hs.length + end - p);
      buf.set(d.hs);
      buf.set(b.subarray(p, end), d.hs.length);
      p = 0;
      end = buf.length;
      d.hs = null;
    }
    while (end - p >= 4) {
      const n = (buf[p + 1]! << 16) | u16be(buf, p + 2);
      if (n > MAX_HANDSHAKE) {
        this.hs.events.add('SSL_handshake_too_large');
        d.dead = true;
        return;
      }
      if (end - p - 4 < n) break;
      this.checkHandshake(dir, buf[p]!, buf, p, p + 4 + n);
      onHandshake(this.hs, dir, buf, p, p + 4 + n);
      p += 4 + n;
    }
    if (p < end) d.hs = buf.slice(p, end);
  }

  private emit(sink: SslSink): void {
    if (this.logged || !this.seen) return;
    this.logged = true;
    const rec = this.hs.rec;
    const leaf = rec.certs[0];
    if (rec.server_name !== null && leaf !== undefined)
      rec.sni_matches_cert = certMatchesHost(leaf, rec.server_name);
    sink.ssl(rec);
  }
}
