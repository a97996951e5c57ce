import type { PduClock } from '../flow/tcp-stream.js';
import { EventCounts } from '../core/counters.js';
import type { Dir, Flow } from '../flow/flow.js';
import { IpProto, type Packet } from '../packet/packet.js';
import { HttpSession } from '../proto/http/session.js';
import type { HttpBuffers, HttpSink, HttpTransaction } from '../proto/http/types.js';
import { DnsSession } from '../proto/dns/session.js';
import type { DnsLogRecord, DnsSink } from '../proto/dns/record.js';
import { TlsSession } from '../proto/tls/session.js';
import { SshSession } from '../proto/ssh/session.js';
import { DceSession } from '../proto/dce/session.js';
import { AppUnitCollector, type AppUnit } from '../proto/dce/collector.js';
import { SmbSession } from '../proto/smb/session.js';
import { identifyService } from '../proto/service.js';
import type { ConnTracker } from '../logs/conn.js';
import type { LogSink } from '../logs/log-set.js';
import type { StreamName, StreamRecords } from '../logs/streams/registry.js';
import { AppBufferProvider, type NamedBuffers } from './app-provider.js';
import { BufferId } from '../detect/buffers.js';
import type { AppLayerState } from '../detect/options/app-state.js';

/** Where the application layer sends detection units (the pipeline's detector, or nothing in logs-only runs). */
export interface UnitSink {
  unit(
    pkt: Packet,
    flow: Flow,
    dir: Dir,
    data: Uint8Array,
    off: number,
    len: number,
    provider: AppBufferProvider | null,
    once?: Set<object>,
    /** The PDU length an alert reports when it is not `len` (an HTTP header section's header lines). */
    pduLen?: number,
    /** Capture time (µs) of the unit's first byte when not the PDU's (an HTTP section read over several). */
    us?: number,
  ): void;
}

/** Identification gives up after this many payload bytes in a flow (Snort's wizard has a similar depth). */
const IDENT_MAX_BYTES = 4096;
/** Bytes of each direction kept for content identification. */
const IDENT_PREFIX = 512;
const EMPTY = new Uint8Array(0);
/** conn.log names the analyzer that parsed the flow, as Zeek does (its DNS analyzer serves NetBIOS too). */
const CONN_SERVICE: Record<string, string> = { 'netbios-ns': 'dns', dcerpc: 'dce_rpc', 'netbios-ssn': 'smb' };
/** Services parsed as DNS messages. */
const DNS_LIKE = new Set(['dns', 'netbios-ns']);

const NO_SECTIONS = { sections: false } as const;

/** Per-flow application state, kept in `flow.app`. */
class FlowApp {
  /** True once identification ended (found a service or gave up). */
  decided = false;
  identBytes = 0;
  first: [Uint8Array | null, Uint8Array | null] = [null, null];
  /** Stream data that arrived before the service was known, replayed to its parser once it is. */
  pending: { dir: Dir; bytes: Uint8Array }[] = [];
  /** The first in-order data packet was inspected raw. */
  rawDone = false;
  /** Leading stream bytes per direction already inspected as raw packets (skipped in PDU units). */
  readonly skip: [number, number] = [0, 0];
  http: HttpSession | null = null;
  dns: DnsSession | null = null;
  tls: TlsSession | null = null;
  ssh: SshSession | null = null;
  dce: DceSession | null = null;
  smb: SmbSession | null = null;
  /** Length of the raw-inspected first packet per direction (DCE/RPC PDUs in it were inspected then). */
  readonly rawLen: [number, number] = [0, 0];
  /** Capture time of the earliest packet per direction whose payload is not yet delivered (-1: none). */
  readonly dataTs: [number, number] = [-1, -1];
  /** Rules already alerted in the current HTTP transaction. */
  readonly httpOnce = new Set<object>();
}

/**
 * The application layer between flows and detection: identifies each flow's service (content first, then
 * port), runs its parser on the in-order stream, turns HTTP messages into Snort 3's per-section detection
 * units with http_* and file_data buffers, keeps TLS state for ssl_state / ssl_version, and writes Zeek logs.
 *
 * Detection semantics (measured against Snort 3 with its wizard and http_inspect): while a TCP flow's service
 * is still being identified its data packets are inspected raw (pkt_data); afterwards HTTP is inspected as
 * message sections, where pkt_data is empty, and other services as reassembled PDUs.
 */
export class AppLayer implements HttpSink, DnsSink {
  private readonly provider = new AppBufferProvider();
  /** DCE/RPC PDUs and SMB file data produced while a chunk is parsed. */
  private readonly collector = new AppUnitCollector();
  /** The packet and flow whose data the parsers are consuming (parser callbacks carry no context). */
  private curPkt: Packet | null = null;
  private curFlow: Flow | null = null;
  /**
   * The service the last `onPacket` identified from its packet (TCP, the raw first data packet), else null.
   * That packet itself is inspected as Snort inspects it, before the wizard's choice applies: service unknown.
   */
  identifiedNow: string | null = null;
  /** Capture time (µs) of the first byte of the PDU being delivered, and of each of its bytes. */
  private pduUs = 0;
  private clock: PduClock | null = null;
  /** The flow being ended: parsers' last records belong to it. */
  private endFlow: Flow | null = null;

  constructor(
    private readonly events: EventCounts,
    private readonly units: UnitSink | null,
    private readonly logs: LogSink | null,
    private readonly conn: ConnTracker | null,
  ) {}

  /** Without a detector HTTP only yields transactions: no section buffers are built. */
  private newHttp(): HttpSession {
    return new HttpSession(this.events, this.units === null ? NO_SECTIONS : undefined);
  }

  private appOf(flow: Flow): FlowApp {
    let a = flow.app as FlowApp | null;
    if (a === null || !(a instanceof FlowApp)) {
      a = new FlowApp();
      flow.app = a;
    }
    return a;
  }

  /**
   * A packet of a tracked flow, before its raw inspection. Returns true when its TCP payload must be inspected
   * raw: the flow's first in-order data packet, seen before any service is known (Snort's wizard look).
   */
  onPacket(flow: Flow, dir: Dir, pkt: Packet): boolean {
    this.identifiedNow = null;
    if (this.conn !== null) this.conn.onPacket(flow, dir, pkt);
    if (pkt.payLen === 0) return false;
    const a = this.appOf(flow);
    if (pkt.proto === IpProto.UDP) {
      if (!a.decided) {
        const payload = payloadOf(pkt);
        a.decided = true;
        flow.service = identifyService(
          17,
          flow.clientPort,
          flow.serverPort,
          dir === 0 ? payload : null,
          dir === 1 ? payload : null,
        );
      }
      if (flow.service !== null && DNS_LIKE.has(flow.service)) {
        a.dns ??= new DnsSession('udp', flow.serverPort, this.events);
        this.curPkt = pkt;
        this.curFlow = flow;
        a.dns.feedDatagram(dir, pkt.data, pkt.payOff, pkt.payLen, ts(pkt), this);
      }
      return false;
    }
    if (pkt.proto !== IpProto.TCP) return false;
    if (a.dataTs[dir] < 0) a.dataTs[dir] = ts(pkt);
    if (a.rawDone) return false;
    // Only the first data of the stream, in order (sequence space used = SYN + this payload).
    if (flow.streamSize(dir) !== pkt.payLen + 1) return false;
    a.rawDone = true;
    a.skip[dir] = pkt.payLen;
    a.rawLen[dir] = pkt.payLen;
    const payload = payloadOf(pkt);
    if (!a.decided) {
      const svc = identifyService(
        6,
        flow.clientPort,
        flow.serverPort,
        dir === 0 ? payload : null,
        dir === 1 ? payload : null,
      );
      if (svc !== null) {
        flow.service = svc;
        a.decided = true;
        this.identifiedNow = svc;
      }
    }
    if (flow.service === 'dcerpc' && this.units !== null) {
      // dce_* options on the raw first packet: its whole PDUs, from a throwaway session (the flow's own
      // session parses these bytes again when they arrive as stream data, and skips their units).
      new DceSession(new EventCounts()).feed(dir, payload, 0, payload.length, this.collector);
      this.appUnits(pkt, flow, this.collector.take(), 0);
    }
    return true;
  }

  /** Content identification over the in-order stream prefix of both directions (PDUs). */
  private identify(flow: Flow, a: FlowApp, dir: Dir, bytes: Uint8Array): void {
    const had = a.first[dir];
    if (had === null) a.first[dir] = bytes.slice(0, IDENT_PREFIX);
    else if (had.length < IDENT_PREFIX) {
      const n = Math.min(bytes.length, IDENT_PREFIX - had.length);
      const joined = new Uint8Array(had.length + n);
      joined.set(had);
      joined.set(bytes.subarray(0, n), had.length);
      a.first[dir] = joined;
    }
    a.identBytes += bytes.length;
    const svc = identifyService(6, flow.clientPort, flow.serverPort, a.first[0], a.first[1]);
    if (svc !== null) {
      flow.service = svc;
      a.decided = true;
    } else if (a.identBytes >= IDENT_MAX_BYTES) a.decided = true;
  }

  /**
   * In-order TCP stream data of one direction; `clock` tells when each of its bytes arrived, `us` is
   * `clock.at(0)` (the first byte's time, 0 when unknown).
   */
  onPdu(
    flow: Flow,
    dir: Dir,
    data: Uint8Array,
    start: number,
    end: number,
    pkt: Packet,
    clock: PduClock,
    us: number,
  ): void {
    this.pduUs = us > 0 ? us : pkt.tsSec * 1e6 + pkt.tsUsec;
    this.clock = clock;
    const a = this.appOf(flow);
    if (!a.decided) {
      this.identify(flow, a, dir, data.subarray(start, end));
      if (!a.decided) {
        // Not known yet: inspect as a plain PDU now, and keep the bytes for the parser identification may pick.
        a.pending.push({ dir, bytes: data.slice(start, end) });
        this.deliver(flow, a, dir, data, start, end, pkt, false);
        return;
      }
      const held = a.pending;
      a.pending = [];
      for (const h of held) this.replay(flow, a, h.dir, h.bytes, pkt);
    }
    this.deliver(flow, a, dir, data, start, end, pkt, true);
    a.dataTs[dir] = -1;
  }

  /** Stream bytes already inspected as PDUs, fed to the parser chosen later (HTTP sections still inspect). */
  private replay(flow: Flow, a: FlowApp, dir: Dir, bytes: Uint8Array, pkt: Packet): void {
    this.curPkt = pkt;
    this.curFlow = flow;
    if (flow.service === 'http') {
      a.http ??= this.newHttp();
      a.http.now = ts(pkt);
      a.http.nowUs = this.pduUs;
      a.http.clock = null;
      a.http.feed(dir, bytes, 0, bytes.length, this);
    } else {
      this.parse(flow, a, dir, bytes, 0, bytes.length, ts(pkt));
      this.appUnits(pkt, flow, this.collector.take(), 0);
    }
  }

  /** Feed a non-HTTP service's parser; returns the application state its rules test. */
  private parse(
    flow: Flow,
    a: FlowApp,
    dir: Dir,
    data: Uint8Array,
    start: number,
    end: number,
    t: number,
  ): AppLayerState | null {
    const svc = flow.service;
    if (svc === 'ssl') {
      a.tls ??= new TlsSession(this.events, this.logs !== null);
      a.tls.feed(dir, data, start, end - start, t, this, flow.midstream);
      if (a.tls.stopInspection) flow.ignored = true;
      return { ssl: a.tls.state };
    }
    if (svc !== null && DNS_LIKE.has(svc)) {
      a.dns ??= new DnsSession('tcp', flow.serverPort, this.events);
      a.dns.feedStream(dir, data, start, end - start, t, this);
    } else if (svc === 'ssh') {
      a.ssh ??= new SshSession(this.events);
      a.ssh.feed(dir, data, start, end - start, t, this);
    } else if (svc === 'dcerpc') {
      a.dce ??= new DceSession(this.events);
      a.dce.feed(dir, data, start, end - start, this.collector);
    } else if (svc === 'netbios-ssn') {
      a.smb ??= new SmbSession(this.events);
      a.smb.feed(dir, data, start, end - start, this.collector);
    }
    return null;
  }

  private deliver(
    flow: Flow,
    a: FlowApp,
    dir: Dir,
    data: Uint8Array,
    start: number,
    end: number,
    pkt: Packet,
    parse: boolean,
  ): void {
    this.curPkt = pkt;
    this.curFlow = flow;
    if (parse && flow.service === 'http') {
      a.http ??= this.newHttp();
      // Requests are stamped with the time their bytes arrived, not when the peer's ACK delivered them.
      a.http.now = a.dataTs[dir] >= 0 ? a.dataTs[dir] : ts(pkt);
      a.http.nowUs = this.pduUs;
      a.http.clock = this.clock;
      a.http.feed(dir, data, start, end - start, this);
      a.skip[dir] = Math.max(0, a.skip[dir] - (end - start));
      return;
    }
    const appState = parse ? this.parse(flow, a, dir, data, start, end, ts(pkt)) : null;
    let app = this.collector.take();
    // DCE/RPC PDUs of the raw first packet were inspected with it (onPacket).
    if (app.length > 0) app = app.filter((u) => u.streamEnd < 0 || u.streamEnd > a.rawLen[u.dir]);
    const skip = Math.min(a.skip[dir], end - start);
    a.skip[dir] -= skip;
    if (this.units === null || flow.ignored) return;
    if (start + skip >= end) return this.appUnits(pkt, flow, app, 0);
    const p = this.provider.set(null, appState);
    // The chunk carries the first DCE/RPC PDU or SMB file piece completed in it; any others follow.
    if (app.length > 0) setAppUnit(p, app[0]!);
    if (a.tls !== null) {
      const hello = a.tls.helloBuffer(dir);
      if (hello !== null) p.extra[BufferId.ssl_hello] = { data: hello, off: 0, len: hello.length };
    }
    this.units.unit(pkt, flow, dir, data, start + skip, end - start - skip, p);
    this.appUnits(pkt, flow, app, 1);
  }

  /** DCE/RPC stubs and SMB file data as units of their own (pkt_data empty: its bytes were inspected). */
  private appUnits(pkt: Packet, flow: Flow, app: AppUnit[], from: number): void {
    if (this.units === null) return;
    for (let i = from; i < app.length; i++) {
      const u = app[i]!;
      this.units.unit(pkt, flow, u.dir, EMPTY, 0, 0, setAppUnit(this.provider.set(null, null), u));
    }
  }

  /**
   * The flow ended (timeout, close, end of input): finish parsers and write its conn.log record. `pkt`
   * carries the time: sections the parsers still emit (a body that ends with the connection) are units of
   * `flow`, whatever packet is being processed.
   */
  onFlowEnd(flow: Flow, pkt: Packet): void {
    const a = flow.app as FlowApp | null;
    const wasPkt = this.curPkt;
    const wasFlow = this.curFlow;
    if (a instanceof FlowApp) {
      this.endFlow = flow;
      this.curPkt = pkt;
      this.curFlow = flow;
      a.pending = [];
      if (a.http !== null) {
        a.http.end(0, this);
        a.http.end(1, this);
      }
      if (a.dns !== null) a.dns.end(this);
      if (a.tls !== null) a.tls.end(this);
      if (a.ssh !== null) a.ssh.end(this);
    }
    if (this.conn !== null && this.logs !== null) {
      const rec = this.conn.onEnd(flow);
      if (rec !== null) {
        rec.service =
          flow.midstream || flow.service === null ? null : (CONN_SERVICE[flow.service] ?? flow.service);
        this.logs.write('conn', rec);
      }
    } else if (this.conn !== null) this.conn.onEnd(flow);
    this.endFlow = null;
    this.curPkt = wasPkt;
    this.curFlow = wasFlow === flow ? null : wasFlow;
    flow.app = null;
  }

  // ---- parser sinks ----

  section(
    dir: 0 | 1,
    kind: 'headers' | 'body' | 'trailers',
    _raw: Uint8Array,
    _off: number,
    len: number,
    bufs: HttpBuffers,
  ): void {
    const pkt = this.curPkt;
    const flow = this.curFlow;
    if (pkt === null || flow === null || this.units === null) return;
    // As Snort 3's http_inspect: a section carries the http_* and file_data buffers; pkt_data is the
    // de-chunked, decompressed body in body sections and empty in header and trailer sections.
    const body = kind === 'body' ? (bufs.file_data ?? bufs.http_client_body) : null;
    const p = this.provider.set(bufs as unknown as NamedBuffers, null);
    // A transaction (request and its response) alerts a rule once, as Suricata counts.
    const a = flow.app;
    const once = a instanceof FlowApp ? a.httpOnce : undefined;
    if (kind === 'headers' && dir === 0) once?.clear();
    // A section carries the time of its first byte (Snort's reassembled packet of that section).
    const us = bufs.sectionUs;
    if (body !== null) this.units.unit(pkt, flow, dir, body.data, body.off, body.len, p, once, -1, us);
    else {
      // Snort's header (trailer) section: its lines are the payload, though pkt_data is empty.
      const n = kind === 'headers' ? bufs.headSectionLen : len;
      this.units.unit(pkt, flow, dir, EMPTY, 0, 0, p, once, n, us);
    }
  }

  transaction(tx: HttpTransaction): void {
    if (this.logs === null) return;
    // A copy: the request side may still be in its body when the response ends the pair.
    this.log('http', httpRow(tx));
  }

  dns(rec: DnsLogRecord): void {
    this.log('dns', rec as unknown as Record<string, unknown>);
  }

  firstIsReply(dir: 0 | 1): void {
    const flow = this.curFlow;
    if (this.conn !== null && flow !== null) this.conn.replyFirst(flow, dir);
  }

  // The TLS and SSH sessions keep their record after logging it (later messages update the session): log a copy.
  ssl(rec: object): void {
    this.log('ssl', { ...rec });
  }

  ssh(rec: object): void {
    this.log('ssh', { ...rec });
  }

  private log(stream: StreamName, rec: Record<string, unknown>): void {
    const flow = this.endFlow ?? this.curFlow;
    if (this.logs === null || this.conn === null || flow === null) return;
    // Zeek analyzes no application protocol on a connection it did not see start.
    if (flow.midstream && stream === 'http') return;
    // The parser hands over a fresh record: the connection's fields are set on it (no copy).
    if (!this.conn.setIds(flow, rec)) return;
    if (typeof rec['ts'] !== 'number') rec['ts'] = flow.lastTsSec + flow.lastTsUsec / 1e6;
    this.logs.write(stream, rec as unknown as StreamRecords[typeof stream]);
  }
}

/**
 * http.log row of a transaction: a copy (one literal, so one object shape). Zeek leaves the sets unset (`-`)
 * when empty; file ids need file analysis, which Vigil does not do.
 */
function httpRow(tx: HttpTransaction): Record<string, unknown> {
  const set = (v: string[]): string[] | null => (v.length === 0 ? null : v.slice());
  return {
    ts: tx.ts,
    // Set by log(): present from the start so the row keeps one shape.
    uid: null,
    'id.orig_h': null,
    'id.orig_p': null,
    'id.resp_h': null,
    'id.resp_p': null,
    community_id: null,
    trans_depth: tx.trans_depth,
    method: tx.method,
    host: tx.host,
    uri: tx.uri,
    referrer: tx.referrer,
    version: tx.version,
    user_agent: tx.user_agent,
    origin: tx.origin,
    request_body_len: tx.request_body_len,
    response_body_len: tx.response_body_len,
    status_code: tx.status_code,
    status_msg: tx.status_msg,
    info_code: tx.info_code,
    info_msg: tx.info_msg,
    tags: tx.tags.slice(),
    username: tx.username,
    password: tx.password,
    proxied: set(tx.proxied),
    orig_fuids: set(tx.orig_fuids),
    orig_filenames: set(tx.orig_filenames),
    orig_mime_types: set(tx.orig_mime_types),
    resp_fuids: set(tx.resp_fuids),
    resp_filenames: set(tx.resp_filenames),
    resp_mime_types: set(tx.resp_mime_types),
  };
}

function setAppUnit(p: AppBufferProvider, u: AppUnit): AppBufferProvider {
  if (u.dce !== null) p.app = { dce: u.dce };
  if (u.stub !== null) p.extra[BufferId.dce_stub_data] = u.stub;
  if (u.file !== null) p.extra[BufferId.file_data] = u.file;
  return p;
}

function payloadOf(pkt: Packet): Uint8Array {
  return pkt.data.subarray(pkt.payOff, pkt.payOff + pkt.payLen);
}

function ts(pkt: Packet): number {
  return pkt.tsSec + pkt.tsUsec / 1e6;
}
