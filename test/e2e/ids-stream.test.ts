import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4, tcp, udp } from '../../src/packet/testkit.js';
import { pcapFile } from '../../src/packet/testkit-capture.js';
import { FIXTURES, jsonLines, vigil, vigilPiped } from './run-cli.js';

const C = '10.1.0.1';
const S = '10.1.0.2';
const SYN = 0x02;
const ACK = 0x10;
const PSH_ACK = 0x18;
const FIN_ACK = 0x11;

function seg(
  fromClient: boolean,
  seq: number,
  ack: number,
  flags: number,
  payload = '',
  port = 4444,
): Uint8Array {
  const t = tcp({
    sport: fromClient ? 40000 : port,
    dport: fromClient ? port : 40000,
    seq,
    ack,
    flags,
    payload: [...Buffer.from(payload, 'latin1')],
  });
  return ethernet(0x0800, ipv4({ src: fromClient ? C : S, dst: fromClient ? S : C, proto: 6, payload: t }));
}

/**
 * A TCP conversation of an unidentified protocol whose command "RUN /evil.cgi" is cut across two segments
 * sent out of order (an HTTP request would be inspected as HTTP sections instead).
 */
function splitRequestPcap(): Uint8Array {
  const frames = [
    seg(true, 100, 0, SYN),
    seg(false, 500, 101, SYN | ACK),
    seg(true, 101, 501, ACK),
    seg(true, 108, 501, PSH_ACK, 'il.cgi now\r\n\r\n'), // second half first
    seg(true, 101, 501, PSH_ACK, 'RUN /ev'),
    seg(true, 101, 501, PSH_ACK, 'RUN /ev'), // retransmission
    seg(false, 501, 122, ACK), // server acknowledges both: the command is inspected here
    seg(false, 501, 122, PSH_ACK, 'DONE hello'),
    seg(true, 122, 511, FIN_ACK),
    seg(false, 511, 123, FIN_ACK),
    seg(true, 123, 512, ACK),
  ];
  return pcapFile(frames.map((data, i) => ({ data, tsSec: 1_700_000_000, tsFrac: i * 1000 })));
}

/** An HTTP request for /etc/shadow cut after "GET /etc/sh", and its response. */
function splitHttpPcap(): Uint8Array {
  const first = 'GET /etc/sh';
  const rest = 'adow HTTP/1.1\r\nHost: h\r\n\r\n';
  const resp = 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n';
  const c1 = 101 + first.length;
  const c2 = c1 + rest.length;
  const frames = [
    seg(true, 100, 0, SYN, '', 80),
    seg(false, 500, 101, SYN | ACK, '', 80),
    seg(true, 101, 501, ACK, '', 80),
    seg(true, 101, 501, PSH_ACK, first, 80),
    seg(true, c1, 501, PSH_ACK, rest, 80),
    seg(false, 501, c2, PSH_ACK, resp, 80),
    seg(true, c2, 501 + resp.length, FIN_ACK, '', 80),
    seg(false, 501 + resp.length, c2 + 1, FIN_ACK, '', 80),
    seg(true, c2 + 1, 502 + resp.length, ACK, '', 80),
  ];
  return pcapFile(frames.map((data, i) => ({ data, tsSec: 1_700_000_000, tsFrac: i * 1000 })));
}

const HTTP_RULES = [
  'alert tcp any any -> any 80 (msg:"uri"; flow:to_server,established; http_uri; content:"/etc/shadow"; sid:2000001;)',
  'alert tcp any any -> any 80 (msg:"raw request line"; flow:to_server,established; content:"GET /etc/shadow"; sid:2000002;)',
  'alert http (msg:"service header"; flow:to_server,established; http_method; content:"GET"; sid:2000003;)',
].join('\n');

const RULES = [
  'alert tcp any any -> any 4444 (msg:"spanning content"; flow:to_server,established; content:"/evil.cgi"; sid:1000001;)',
  'alert tcp any 4444 -> any any (msg:"response"; flow:to_client,established; content:"hello"; sid:1000002;)',
  'alert tcp any any -> any 4444 (msg:"raw segment only"; flow:to_server,no_stream; content:"RUN /ev"; sid:1000003;)',
  'alert tcp any any -> any any (msg:"syn"; flags:S; sid:1000004;)',
].join('\n');

describe('vigil ids over TCP streams', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-stream-'));
  const pcap = join(dir, 'split.pcap');
  const rules = join(dir, 'local.rules');
  writeFileSync(pcap, splitRequestPcap());
  writeFileSync(rules, RULES + '\n');

  it('matches content that spans out-of-order segments once, on the reassembled stream', () => {
    const r = vigil(['ids', '-q', '-r', pcap, '-R', rules, '-A', 'json']);
    expect(r.status).toBe(0);
    const alerts = jsonLines(r.stdout);
    const bySid = (sid: number) => alerts.filter((a) => a['sid'] === sid);
    expect(bySid(1000001)).toHaveLength(1);
    expect(bySid(1000001)[0]).toMatchObject({
      pkt_num: 7,
      dir: 'C2S',
      src_ap: `${C}:40000`,
      dst_ap: `${S}:4444`,
    });
    expect(bySid(1000002)).toHaveLength(1);
    expect(bySid(1000002)[0]).toMatchObject({ dir: 'S2C', src_ap: `${S}:4444` });
    // flow:no_stream rules see raw segments: the original and its retransmission.
    expect(bySid(1000003)).toHaveLength(2);
    expect(bySid(1000004)).toHaveLength(1);
  });

  it('--packet-only inspects the reassembled stream as pkt_data, with no HTTP inspection', () => {
    const http = join(dir, 'split-http.pcap');
    const httpRules = join(dir, 'http.rules');
    writeFileSync(http, splitHttpPcap());
    writeFileSync(httpRules, HTTP_RULES + '\n');
    const sids = (extra: string[]) => {
      const r = vigil(['ids', '-q', '-r', http, '-R', httpRules, '-A', 'json', ...extra]);
      expect(r.status, r.stderr).toBe(0);
      return jsonLines(r.stdout)
        .map((a) => a['sid'])
        .sort();
    };
    // With the application layer: the request is an HTTP message (http_uri, http_method match; pkt_data of
    // a header section is empty, and the first raw packet holds only "GET /etc/sh").
    expect(sids([])).toEqual([2000001, 2000003]);
    // The packet engine alone: the request line spans two segments and matches on the reassembled PDU.
    expect(sids(['--packet-only'])).toEqual([2000002]);
    expect(sids(['--packet-only', '-z', '2'])).toEqual([2000002]);
    const both = vigil(['ids', '-q', '-r', http, '-R', httpRules, '--packet-only', '--logs', dir]);
    expect(both.status).toBe(64);
    expect(both.stderr).toMatch(/--logs needs the application layer/);
  });

  it('gives the same alerts with two threads as with one (order aside)', () => {
    const sample = join(FIXTURES, 'sample', 'traffic-seed1-head.pcap');
    const community = join(FIXTURES, '..', '..', 'rules', 'snort3-community');
    const key = (a: Record<string, unknown>) => `${a['pkt_num']} ${a['rule']} ${a['src_ap']} ${a['dst_ap']}`;
    const one = vigil(['ids', '-q', '-r', sample, '-R', community, '-A', 'json', '-z', '1']);
    const two = vigil(['ids', '-q', '-r', sample, '-R', community, '-A', 'json', '-z', '2']);
    // A pipe is read once, by the main thread, which ships the other shard's records to the worker.
    const piped = vigilPiped(sample, [
      'ids',
      '-q',
      '-r',
      '/dev/stdin',
      '-R',
      community,
      '-A',
      'json',
      '-z',
      '2',
    ]);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(piped.status, piped.stderr).toBe(0);
    const a = jsonLines(one.stdout).map(key).sort();
    expect(a.length).toBeGreaterThan(0);
    expect(jsonLines(two.stdout).map(key).sort()).toEqual(a);
    expect(jsonLines(piped.stdout).map(key).sort()).toEqual(a);
  });

  it('keeps a flow with fragmented datagrams on one thread: flowbits across whole and fragmented packets', () => {
    // 40 UDP flows: a whole datagram sets a flowbit, then a datagram in three fragments (sent last, middle,
    // first: the first fragment, with the ports, arrives last) carries the content that tests it.
    const recs: { data: Uint8Array; tsSec: number }[] = [];
    const payload = [...Buffer.from('FRAGMENTED-PAYLOAD-'.repeat(6), 'latin1')];
    for (let f = 0; f < 40; f++) {
      const src = `10.9.${f}.1`;
      const dst = '10.9.200.2';
      const sport = 20000 + f * 7;
      recs.push({
        data: ethernet(
          0x0800,
          ipv4({
            src,
            dst,
            proto: 17,
            id: 1,
            payload: udp({ sport, dport: 7777, payload: [...Buffer.from('SET-THE-BIT')] }),
          }),
        ),
        tsSec: 100 + f,
      });
      const dgram = udp({ sport, dport: 7777, payload });
      const parts = [dgram.subarray(0, 40), dgram.subarray(40, 80), dgram.subarray(80)];
      const frag = (i: number) =>
        ethernet(
          0x0800,
          ipv4({
            src,
            dst,
            proto: 17,
            id: 500 + f,
            frag: (i < 2 ? 0x2000 : 0) | ((i * 40) / 8),
            payload: parts[i]!,
          }),
        );
      for (const i of [2, 1, 0]) recs.push({ data: frag(i), tsSec: 100 + f });
    }
    const pcap = join(dir, 'frags.pcap');
    writeFileSync(pcap, pcapFile(recs));
    const rules = join(dir, 'frags.rules');
    writeFileSync(
      rules,
      [
        'alert udp any any -> any 7777 (msg:"set"; content:"SET-THE-BIT"; flowbits:set,seen; flowbits:noalert; sid:3000001;)',
        'alert udp any any -> any 7777 (msg:"fragmented after set"; content:"FRAGMENTED-PAYLOAD"; flowbits:isset,seen; sid:3000002;)',
        'alert ip any any -> any any (msg:"a fragment"; fragbits:M+; sid:3000003;)',
      ].join('\n') + '\n',
    );
    const count = (z: string, pipe = false) => {
      const r = pipe
        ? vigilPiped(pcap, ['ids', '-q', '-r', '/dev/stdin', '-R', rules, '-A', 'json', '-z', z])
        : vigil(['ids', '-q', '-r', pcap, '-R', rules, '-A', 'json', '-z', z]);
      expect(r.status, r.stderr).toBe(0);
      const n: Record<number, number> = {};
      for (const a of jsonLines(r.stdout)) n[a['sid'] as number] = (n[a['sid'] as number] ?? 0) + 1;
      return n;
    };
    const one = count('1');
    expect(one).toEqual({ 3000002: 40, 3000003: 80 });
    expect(count('2')).toEqual(one);
    expect(count('3')).toEqual(one);
    expect(count('2', true)).toEqual(one);
  });

  it('refuses to run when no rule loads at all (a missing path), with one or two threads', () => {
    const pcap = join(FIXTURES, 'sample', 'traffic-seed1-head.pcap');
    for (const z of ['1', '2']) {
      const r = vigil(['ids', '-q', '-z', z, '-r', pcap, '-R', join(dir, 'no-such.rules')], {
        timeoutMs: 60_000,
      });
      expect(r.status).toBe(65);
      expect(r.stderr).toMatch(/no-such\.rules:1:1: error: cannot read/);
      expect(r.stderr).toMatch(/no rule loaded from/);
    }
    // An empty rules file is not an error: the run inspects with nothing.
    const empty = join(dir, 'empty.rules');
    writeFileSync(empty, '# nothing yet\n');
    expect(vigil(['ids', '-q', '-r', pcap, '-R', empty]).status).toBe(0);
  });

  it('reports an output directory it cannot create, and exits (74)', () => {
    const pcap = join(FIXTURES, 'sample', 'traffic-seed1-head.pcap');
    // Under /proc the kernel answers ENOENT: Node's recursive mkdir loops on that forever.
    const bad = existsSync('/proc/self') ? '/proc/vigil-no/dir' : join(dir, 'file-in-the-way', 'x');
    if (!existsSync('/proc/self')) writeFileSync(join(dir, 'file-in-the-way'), '');
    const logs = vigil(['logs', '-q', '-r', pcap, '-d', bad], { timeoutMs: 60_000 });
    expect(logs.status).toBe(74);
    expect(logs.stderr).toMatch(/cannot create log directory/);
    const alerts = vigil(['ids', '-q', '-r', pcap, '-R', join(dir, 'frags.rules'), '-A', 'fast', '-l', bad], {
      timeoutMs: 60_000,
    });
    expect(alerts.status).toBe(74);
    expect(alerts.stderr).toMatch(/cannot create alert directory/);
  });

  it('reports every rule problem with file:line:col and loads the rest', () => {
    const bad = join(dir, 'bad.rules');
    writeFileSync(
      bad,
      [
        'alert tcp any any -> any any (msg:"ok"; content:"x"; sid:1;)',
        'alert tcp any any -> any any (msg:"bad byte_test"; byte_test:9,>,1,0; sid:2;)',
        'alert tcp any any -> any 99999 (msg:"bad port"; sid:3;)',
        'alert tcp any any -> any any (msg:"fine too"; flags:S; sid:4;)',
      ].join('\n') + '\n',
    );
    const r = vigil(['ids', '--rules-check', '-R', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[/.]/g, '\\$&')}:2:\\d+: error: .*byte_test`));
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[/.]/g, '\\$&')}:3:\\d+: error: .*port`));
    expect(r.stderr).toMatch(/2 loaded/);
  });

  it('loads the whole community ruleset: only the asn1 rules fail, each reported', () => {
    const community = join(FIXTURES, '..', '..', 'rules', 'snort3-community');
    const r = vigil(['ids', '--rules-check', '-R', community]);
    const errors = r.stderr.split('\n').filter((l) => / error: /.test(l));
    expect(errors).toHaveLength(10);
    for (const e of errors)
      expect(e).toMatch(/snort3-community\.rules:\d+:\d+: error: asn1 was removed from Snort 3/);
    expect(r.stderr).toMatch(/4029 parsed, 4019 loaded, 10 failed/);
    expect(r.status).toBe(1);
  });
});
