import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { identifyService } from './service.js';
import { appChunks } from './testkit-pcap.js';

const enc = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const dnsQuery = Uint8Array.from([0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x61, 0, 0, 1, 0, 1]);

describe('identifyService', () => {
  it('content wins over port', () => {
    expect(identifyService(6, 50000, 22, enc('GET / HTTP/1.1\r\n'), null)).toBe('http');
    expect(identifyService(6, 50000, 80, Uint8Array.from([22, 3, 1, 0, 200, 1]), null)).toBe('ssl');
    expect(identifyService(6, 50000, 443, enc('SSH-2.0-x\r\n'), null)).toBe('ssh');
    expect(identifyService(6, 50000, 8080, null, enc('HTTP/1.1 200 OK\r\n'))).toBe('http');
    expect(identifyService(17, 40000, 9999, dnsQuery, null)).toBe('dns');
  });

  it('port when content says nothing', () => {
    expect(identifyService(6, 50000, 443, null, null)).toBe('ssl');
    expect(identifyService(6, 22, 50000, null, null)).toBe('ssh');
    expect(identifyService(17, 40000, 53, Uint8Array.from([1, 2, 3]), null)).toBe('dns');
    expect(identifyService(6, 50000, 12345, enc('hello'), null)).toBeNull();
    expect(identifyService(17, 40000, 9999, Uint8Array.from(new Array(20).fill(0xff)), null)).toBeNull();
  });

  it('Zeek trace with HTTP on port 22 is http', () => {
    const path = fileURLToPath(
      new URL(
        '../../test/fixtures/zeek/scripts.base.protocols.ssh.http-port-22/http-single-conn-22.pcap',
        import.meta.url,
      ),
    );
    const first: [Uint8Array | null, Uint8Array | null] = [null, null];
    let ports = [0, 0];
    for (const c of appChunks(path)) {
      if (c.kind !== 'tcp') continue;
      first[c.dir] ??= c.data;
      ports = [c.clientPort, c.serverPort];
    }
    expect(ports[1]).toBe(22);
    expect(identifyService(6, ports[0]!, ports[1]!, first[0], first[1])).toBe('http');
  });
});
