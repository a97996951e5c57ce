import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4, tcp } from '../../src/packet/testkit.js';
import { pcapFile } from '../../src/packet/testkit-capture.js';
import { clientHelloMsg, record, serverHelloMsg, sniExt } from '../../src/proto/tls/testkit.js';
import { jsonLines, vigil } from './run-cli.js';

const C = '10.3.0.1';
const S = '10.3.0.2';
const MARK = [...Buffer.from('SECRETMARK')];
const msg = (type: number, body: number[] = []) => [type, 0, 0, body.length, ...body];
const app = (fill: number) => [...record(23, [...new Array<number>(30).fill(fill), ...MARK], 0x0303)];

/**
 * A TLS 1.2 session on port 443 with a full handshake, then application data client → server → client,
 * each record carrying SECRETMARK; every data segment is acknowledged by the peer (so it is delivered).
 */
function tlsPcap(clientRecordVersion: number): Uint8Array {
  const ch = [
    ...record(22, clientHelloMsg({ ciphers: [0xc02f], exts: [sniExt('a.test')] }), clientRecordVersion),
  ];
  const sh = [
    ...record(
      22,
      [
        ...serverHelloMsg({ cipher: 0xc02f, exts: [] }),
        ...msg(11, [0, 0, 0]),
        ...msg(12, [3, 0, 23, 1, 4]),
        ...msg(14),
      ],
      0x0303,
    ),
  ];
  const ccsFin = [...record(20, [1], 0x0303), ...record(22, new Array<number>(40).fill(0x66), 0x0303)];
  const cke = [...record(22, msg(16, [1, 4]), 0x0303), ...ccsFin];
  const talk: [boolean, number[]][] = [
    [true, ch],
    [false, sh],
    [true, cke],
    [false, ccsFin],
    [true, app(0x11)],
    [false, app(0x22)],
    [true, app(0x33)],
  ];
  const frames: Uint8Array[] = [];
  const seg = (fromClient: boolean, seq: number, ack: number, flags: number, payload: number[] = []) =>
    frames.push(
      ethernet(
        0x0800,
        ipv4({
          src: fromClient ? C : S,
          dst: fromClient ? S : C,
          proto: 6,
          payload: tcp({
            sport: fromClient ? 40000 : 443,
            dport: fromClient ? 443 : 40000,
            seq,
            ack,
            flags,
            payload,
          }),
        }),
      ),
    );
  let cs = 1000;
  let ss = 5000;
  seg(true, cs++, 0, 0x02);
  seg(false, ss++, cs, 0x12);
  seg(true, cs, ss, 0x10);
  for (const [fromClient, bytes] of talk) {
    if (fromClient) {
      seg(true, cs, ss, 0x18, bytes);
      cs += bytes.length;
      seg(false, ss, cs, 0x10);
    } else {
      seg(false, ss, cs, 0x18, bytes);
      ss += bytes.length;
      seg(true, cs, ss, 0x10);
    }
  }
  seg(true, cs++, ss, 0x11);
  seg(false, ss++, cs, 0x11);
  seg(true, cs, ss, 0x10);
  return pcapFile(frames.map((data, i) => ({ data, tsSec: 1_700_000_000, tsFrac: i * 1000 })));
}

describe('encrypted TLS sessions: inspection stops as in Snort 3 (ssl inspector defaults)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-tls-stop-'));
  const rules = join(dir, 'r.rules');
  writeFileSync(rules, 'alert tcp any any -> any any (msg:"mark"; content:"SECRETMARK"; sid:3200001;)\n');
  const run = (recordVersion: number, extra: string[] = []) => {
    const pcap = join(dir, `tls-${recordVersion.toString(16)}-${extra.length}.pcap`);
    writeFileSync(pcap, tlsPcap(recordVersion));
    const r = vigil(['ids', '-q', '-r', pcap, '-R', rules, '-A', 'json', ...extra]);
    expect(r.status, r.stderr).toBe(0);
    return jsonLines(r.stdout).map((a) => a.src_ap as string);
  };

  it('a clean full handshake: the client request is inspected, nothing from the first server data on', () => {
    expect(run(0x0303)).toEqual([`${C}:40000`]);
  });

  it('a ClientHello in a TLS 1.0 record (what most clients send) is not clean to Snort: all is inspected', () => {
    expect(run(0x0301)).toEqual([`${C}:40000`, `${S}:443`, `${C}:40000`]);
  });

  it('the packet engine alone (no ssl inspector) inspects every record', () => {
    expect(run(0x0303, ['--packet-only'])).toEqual([`${C}:40000`, `${S}:443`, `${C}:40000`]);
  });
});
