import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4, tcp, udp } from '../../src/packet/testkit.js';
import { pcapFile } from '../../src/packet/testkit-capture.js';
import { jsonLines, vigil } from './run-cli.js';

const SYN = 0x02;
const ACK = 0x10;
const PSH_ACK = 0x18;
const FIN_ACK = 0x11;

/** A TCP conversation builder: client port `cp` to server 10.6.0.2:80. */
function conversation(frames: Uint8Array[], client: string, cp: number) {
  let cs = 1000;
  let ss = 9000;
  const seg = (fromClient: boolean, flags: number, text = '') => {
    const payload = [...Buffer.from(text, 'latin1')];
    const [src, dst, sport, dport] = fromClient ? [client, '10.6.0.2', cp, 80] : ['10.6.0.2', client, 80, cp];
    const seq = fromClient ? cs : ss;
    const ack = fromClient ? ss : cs;
    frames.push(
      ethernet(
        0x0800,
        ipv4({ src, dst, proto: 6, payload: tcp({ sport, dport, seq, ack, flags, payload }) }),
      ),
    );
    const n = payload.length + (flags & (SYN | 0x01) ? 1 : 0);
    if (fromClient) cs += n;
    else ss += n;
  };
  return {
    open() {
      seg(true, SYN);
      seg(false, SYN | ACK);
      seg(true, ACK);
    },
    /** Data from one side, acknowledged by the other (so it is delivered). */
    send(fromClient: boolean, text: string) {
      seg(fromClient, PSH_ACK, text);
      seg(!fromClient, ACK);
    },
    close() {
      seg(true, FIN_ACK);
      seg(false, FIN_ACK);
      seg(true, ACK);
    },
  };
}

describe('what parsers emit when a flow ends belongs to that flow', () => {
  it('a body that ends with its connection is inspected as that connection, after another one closed', () => {
    const frames: Uint8Array[] = [];
    // A: a response whose body runs to the end of the connection (no length); the capture ends first.
    const a = conversation(frames, '10.6.0.1', 41000);
    a.open();
    a.send(true, 'GET /stream HTTP/1.0\r\nHost: a\r\n\r\n');
    a.send(false, 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbegin ');
    a.send(false, 'BODY-MARK-AT-END of the body');
    // C: a whole exchange that closes: the last data the parsers saw is C's.
    const c = conversation(frames, '10.6.0.3', 42000);
    c.open();
    c.send(true, 'GET /x HTTP/1.1\r\nHost: c\r\n\r\n');
    c.send(false, 'HTTP/1.1 204 No Content\r\n\r\n');
    c.close();
    const dir = mkdtempSync(join(tmpdir(), 'vigil-flow-end-'));
    writeFileSync(
      join(dir, 'end.pcap'),
      pcapFile(frames.map((data, i) => ({ data, tsSec: 1_700_000_000 + i }))),
    );
    writeFileSync(
      join(dir, 'r.rules'),
      'alert http any any -> any any (msg:"body mark"; file_data; content:"BODY-MARK-AT-END"; sid:3300001;)\n',
    );
    for (const extra of [[], ['--logs', join(dir, 'logs')]]) {
      const r = vigil([
        'ids',
        '-q',
        '-r',
        join(dir, 'end.pcap'),
        '-R',
        join(dir, 'r.rules'),
        '-A',
        'json',
        ...extra,
      ]);
      expect(r.status, r.stderr).toBe(0);
      const alerts = jsonLines(r.stdout);
      expect(alerts.map((x) => x.sid)).toEqual([3300001]);
      expect(alerts[0]!.src_ap).toBe('10.6.0.2:80');
      expect(alerts[0]!.dst_ap).toBe('10.6.0.1:41000');
    }
  });
});

describe('--max-flows', () => {
  it('caps the flow table: the least recently used flows are evicted, and logged as they go', () => {
    const frames = Array.from({ length: 5 }, (_, i) =>
      ethernet(
        0x0800,
        ipv4({
          src: `10.7.0.${i + 1}`,
          dst: '10.7.0.100',
          proto: 17,
          payload: udp({ sport: 5000 + i, dport: 9999 }),
        }),
      ),
    );
    const dir = mkdtempSync(join(tmpdir(), 'vigil-max-flows-'));
    writeFileSync(
      join(dir, 'udp.pcap'),
      pcapFile(frames.map((data, i) => ({ data, tsSec: 1_700_000_000 + i }))),
    );
    const stats = join(dir, 'stats.json');
    const r = vigil([
      'logs',
      '-q',
      '-r',
      join(dir, 'udp.pcap'),
      '-d',
      join(dir, 'logs'),
      '--max-flows',
      '2',
      '--stats-json',
      stats,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(stats, 'utf8')) as { flow: { lruEvicted: number; peak: number } };
    expect(s.flow).toMatchObject({ lruEvicted: 3, peak: 2 });
    const conn = readFileSync(join(dir, 'logs', 'conn.log'), 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(conn).toHaveLength(5);
  });
});
