import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipText } from '../output/addr.js';
import { parseAddr, SubnetSet, ZEEK_LOCAL_NETS } from './site.js';

describe('parseAddr and SubnetSet', () => {
  it('parses IPv4, IPv6 with ::, embedded IPv4, and rejects junk', () => {
    expect([...parseAddr('10.1.2.3')!.bytes.subarray(0, 4)]).toEqual([10, 1, 2, 3]);
    expect(ipText(6, parseAddr('fe80::217:f2ff:fed7:cf65')!.bytes)).toBe('fe80::217:f2ff:fed7:cf65');
    expect(ipText(6, parseAddr('::ffff:1.2.3.4')!.bytes)).toBe('::ffff:102:304');
    for (const bad of ['', '1.2.3', '256.1.1.1', '1::2::3', 'g::1', '1:2:3:4:5:6:7:8:9']) {
      expect(parseAddr(bad), bad).toBeNull();
    }
  });

  it('round-trips any IPv6 address through its text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (b) => {
        expect([...parseAddr(ipText(6, b))!.bytes]).toEqual([...b]);
      }),
    );
  });

  it('Zeek’s local nets: private and multicast IPv4, link-local IPv6; public and IPv6 multicast are not', () => {
    const s = new SubnetSet(ZEEK_LOCAL_NETS);
    const local = (t: string) => {
      const a = parseAddr(t)!;
      return s.has(a.ver, a.bytes);
    };
    for (const t of ['10.0.0.1', '172.17.0.2', '192.168.0.107', '224.0.0.251', 'fe80::1', 'fd00::1']) {
      expect(local(t), t).toBe(true);
    }
    for (const t of ['1.1.1.1', '141.142.220.255', '172.32.0.1', 'ff02::fb', '2607:f8b0::1']) {
      expect(local(t), t).toBe(false);
    }
  });
});
