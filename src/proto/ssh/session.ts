import { createHash } from 'node:crypto';
import type { EventCounts } from '../../core/counters.js';
import { latin1 } from '../../core/bytes.js';
import { negotiate, readKexInit, type KexInit } from './kexinit.js';

/** One ssh.log row (Zeek's SSH::Info fields Vigil fills, plus HASSH), before connection fields. */
export interface SshLogRecord {
  ts: number;
  /** 2 for SSH-2.0 / SSH-1.99 on both sides, 1 otherwise; null without both banners. */
  version: number | null;
  client: string | null;
  server: string | null;
  cipher_alg: string | null;
  mac_alg: string | null;
  compression_alg: string | null;
  kex_alg: string | null;
  host_key_alg: string | null;
  hassh: string | null;
  hasshServer: string | null;
}

export interface SshSink {
  ssh(rec: SshLogRecord): void;
}

/** Longest identification line kept (RFC 4253 §4.2 allows 255) and lines scanned before it. */
const MAX_LINE = 255;
const MAX_PREAMBLE = 8192;

class DirState {
  buf: Uint8Array | null = null;
  banner: string | null = null;
  kex: KexInit | null = null;
  done = false;
  scanned = 0;
}

/** SSH state of one TCP flow: both identification banners, then both KEXINITs; nothing after that. */
export class SshSession {
  private readonly dirs = [new DirState(), new DirState()] as const;
  private ts = -1;
  private readonly events: EventCounts;

  constructor(events: EventCounts) {
    this.events = events;
  }

  feed(dir: 0 | 1, data: Uint8Array, off: number, len: number, ts: number, _sink?: SshSink): void {
    const d = this.dirs[dir];
    if (d.done || len <= 0) return;
    if (this.ts < 0) this.ts = ts;
    let buf = data.subarray(off, Math.min(off + len, data.length));
    if (d.buf !== null) {
      const joined = new Uint8Array(d.buf.length + buf.length);
      joined.set(d.buf);
      joined.set(buf, d.buf.length);
      buf = joined;
      d.buf = null;
    }
    let p = 0;
    while (d.banner === null) {
      const nl = buf.indexOf(0x0a, p);
      if (nl < 0) break;
      const line = latin1(buf, p, nl > p && buf[nl - 1] === 0x0d ? nl - 1 : nl);
      d.scanned += nl + 1 - p;
      p = nl + 1;
      if (line.startsWith('SSH-')) d.banner = line.slice(0, MAX_LINE);
      else if (d.scanned > MAX_PREAMBLE) return this.giveUp(d, 'SSH_banner_not_found');
    }
    if (d.banner === null) {
      if (buf.length - p + d.scanned > MAX_PREAMBLE) return this.giveUp(d, 'SSH_banner_not_found');
      d.buf = buf.slice(p);
      return;
    }
    const out = { kex: null as KexInit | null };
    while (out.kex === null) {
      const n = readKexInit(buf, p, buf.length, out);
      if (n < 0) return this.giveUp(d, 'SSH_packet_malformed');
      if (n === 0) break;
      p += n;
    }
    if (out.kex !== null) {
      d.kex = out.kex;
      d.done = true;
    } else d.buf = buf.slice(p);
  }

  end(sink: SshSink): void {
    const [c, s] = this.dirs;
    if (c.banner === null && s.banner === null) return;
    const rec: SshLogRecord = {
      ts: this.ts,
      version: c.banner !== null && s.banner !== null ? (isV2(c.banner) && isV2(s.banner) ? 2 : 1) : null,
      client: c.banner,
      server: s.banner,
      cipher_alg: null,
      mac_alg: null,
      compression_alg: null,
      kex_alg: null,
      host_key_alg: null,
      hassh: c.kex === null ? null : hassh(c.kex, false),
      hasshServer: s.kex === null ? null : hassh(s.kex, true),
    };
    if (c.kex !== null && s.kex !== null) {
      rec.cipher_alg = negotiate(c.kex.encC2S, s.kex.encC2S);
      rec.mac_alg = negotiate(c.kex.macC2S, s.kex.macC2S);
      rec.compression_alg = negotiate(c.kex.compC2S, s.kex.compC2S);
      rec.kex_alg = negotiate(c.kex.kex, s.kex.kex);
      rec.host_key_alg = negotiate(c.kex.hostKey, s.kex.hostKey);
    }
    sink.ssh(rec);
  }

  private giveUp(d: DirState, weird: string): void {
    this.events.add(weird);
    d.done = true;
    d.buf = null;
  }
}

function isV2(banner: string): boolean {
  return banner.startsWith('SSH-2.') || banner.startsWith('SSH-1.99');
}

/** HASSH / HASSHServer (Salesforce): MD5 of `kex;enc;mac;comp`, the lists of the sender's direction. */
function hassh(k: KexInit, server: boolean): string {
  const enc = server ? k.encS2C : k.encC2S;
  const mac = server ? k.macS2C : k.macC2S;
  const comp = server ? k.compS2C : k.compC2S;
  const s = [k.kex.join(','), enc.join(','), mac.join(','), comp.join(',')].join(';');
  return createHash('md5').update(s, 'latin1').digest('hex');
}
