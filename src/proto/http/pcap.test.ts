import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { HttpSession } from './session.js';
import { CollectSink } from './testkit.js';
import { appChunks, tcpConversations } from '../testkit-pcap.js';
import type { HttpTransaction } from './types.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures');

function runPcap(path: string): { conv: ReturnType<typeof tcpConversations>[number]; sink: CollectSink }[] {
  // Like Zeek, connections without a handshake in the capture are not analyzed.
  return tcpConversations(path)
    .filter((c) => c.syn)
    .map((conv) => {
      const s = new HttpSession(new EventCounts());
      const sink = new CollectSink();
      // Requests first, then responses: pipelining keeps them paired whatever the interleaving.
      s.feed(0, conv.streams[0], 0, conv.streams[0].length, sink);
      s.feed(1, conv.streams[1], 0, conv.streams[1].length, sink);
      s.end(0, sink);
      s.end(1, sink);
      return { conv, sink };
    });
}

/** Zeek TSV rendering of the fields this module fills (sets: `(empty)` when empty; optional vectors: `-`). */
function zeekRow(orig: string, resp: string, t: HttpTransaction): Record<string, string> {
  const s = (v: string | number | null) => (v === null ? '-' : String(v));
  const [oh, op] = [orig.slice(0, orig.lastIndexOf(':')), orig.slice(orig.lastIndexOf(':') + 1)];
  const [rh, rp] = [resp.slice(0, resp.lastIndexOf(':')), resp.slice(resp.lastIndexOf(':') + 1)];
  const vec = (v: string[]) => (v.length === 0 ? '-' : v.join(','));
  return {
    'id.orig_h': oh,
    'id.orig_p': op,
    'id.resp_h': rh,
    'id.resp_p': rp,
    trans_depth: s(t.trans_depth),
    method: s(t.method),
    host: s(t.host),
    uri: s(t.uri),
    referrer: s(t.referrer),
    version: s(t.version),
    user_agent: s(t.user_agent),
    origin: s(t.origin),
    request_body_len: s(t.request_body_len),
    response_body_len: s(t.response_body_len),
    status_code: s(t.status_code),
    status_msg: s(t.status_msg),
    info_code: s(t.info_code),
    info_msg: s(t.info_msg),
    tags: t.tags.length === 0 ? '(empty)' : t.tags.join(','),
    username: s(t.username),
    password: s(t.password),
    proxied: vec(t.proxied),
    orig_filenames: vec(t.orig_filenames),
    orig_mime_types: vec(t.orig_mime_types),
    resp_filenames: vec(t.resp_filenames),
    resp_mime_types: vec(t.resp_mime_types),
  };
}

function readZeekLog(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'latin1').split('\n');
  const fields = lines
    .find((l) => l.startsWith('#fields'))!
    .split('\t')
    .slice(1);
  return lines
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => Object.fromEntries(l.split('\t').map((v, i) => [fields[i]!, v])));
}

describe('HTTP on recorded traffic', () => {
  it.each([
    ['opt.basic', 'wikipedia.pcap'],
    ['scripts.base.protocols.ssh.http-port-22', 'http-single-conn-22.pcap'],
    ['core.tcp-padding', 'tcp-http-with-padding.pcap'],
  ])('matches Zeek http.log of %s (ts, uid and file ids aside)', (dir, pcap) => {
    const base = join(FIX, 'http/zeek', dir);
    const got = runPcap(join(base, pcap)).flatMap(({ conv, sink }) =>
      sink.txs.map((t) => zeekRow(conv.orig, conv.resp, t)),
    );
    const want = readZeekLog(join(base, 'http.log')).map((r) => {
      const o: Record<string, string> = {};
      for (const k of Object.keys(got[0] ?? {})) o[k] = r[k] ?? '?';
      return o;
    });
    const key = (r: Record<string, string>) => `${r['id.orig_h']}:${r['id.orig_p']}/${r['trans_depth']}`;
    const sort = (a: Record<string, string>[]) => [...a].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    expect(sort(got)).toEqual(sort(want));
  });

  it('reassembles the http-evader chunked EICAR into file_data', () => {
    const [r] = runPcap(join(FIX, 'suricata-verify/sv__http-evader__http-evader-000/input.pcap'));
    expect(r!.sink.fileData(1)).toContain('EICAR-STANDARD-ANTIVIRUS-TEST-FILE');
    expect(r!.sink.fileData(1).startsWith('X5O!P%@AP[4')).toBe(true);
    expect(r!.sink.txs[0]!.host).toBe('evader.example.com');
  });

  it('parses the sample capture fed as the flow engine delivers it (interleaved PDUs)', () => {
    const sessions = new Map<number, { s: HttpSession; sink: CollectSink }>();
    const events = new EventCounts();
    for (const c of appChunks(join(FIX, 'sample/traffic-seed1-head.pcap'))) {
      if (c.kind === 'udp' || c.serverPort !== 80) continue;
      let e = sessions.get(c.flow);
      if (e === undefined) {
        e = { s: new HttpSession(events), sink: new CollectSink() };
        sessions.set(c.flow, e);
      }
      if (c.kind === 'end') {
        e.s.end(0, e.sink);
        e.s.end(1, e.sink);
      } else e.s.feed(c.dir, c.data, 0, c.data.length, e.sink);
    }
    const txs = [...sessions.values()].flatMap((e) => e.sink.txs);
    expect(txs).toHaveLength(40);
    expect(txs.every((t) => t.method !== null && t.status_code !== null)).toBe(true);
    expect(events.get('bad_HTTP_request') + events.get('bad_HTTP_reply')).toBe(0);
  });
});
