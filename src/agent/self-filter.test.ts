import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { selfTrafficFilter, withSelfClause } from './self-filter.js';

const haveTcpdump = spawnSync('tcpdump', ['--version']).error === undefined;

describe('self-traffic capture filter', () => {
  it('leaves out the server address and port of a literal URL, IPv4 and IPv6', () => {
    expect(selfTrafficFilter('http://10.0.0.5:7700').clause).toBe('not (tcp port 7700 and host 10.0.0.5)');
    expect(selfTrafficFilter('https://[fd00::7]/').clause).toBe('not (tcp port 443 and host fd00::7)');
  });

  it('leaves out the port alone for a name (a Service is DNATed to a pod address on the wire)', () => {
    const f = selfTrafficFilter('http://vigil-server.vigil.svc:7700');
    expect(f.clause).toBe('not (tcp port 7700)');
    expect(f.note).toContain('vigil-server.vigil.svc');
    expect(selfTrafficFilter('http://vigil').clause).toBe('not (tcp port 80)');
  });

  it('joins the user filter', () => {
    expect(withSelfClause(undefined, 'not (tcp port 1)')).toBe('not (tcp port 1)');
    expect(withSelfClause('udp or icmp', 'not (tcp port 1)')).toBe('(udp or icmp) and not (tcp port 1)');
  });

  it.skipIf(!haveTcpdump)('compiles with tcpdump -d', () => {
    for (const url of ['http://10.0.0.5:7700', 'https://[fd00::7]/', 'http://vigil:7700']) {
      const expr = withSelfClause('tcp or udp', selfTrafficFilter(url).clause);
      const r = spawnSync('tcpdump', ['-d', expr], { encoding: 'utf8' });
      expect(r.status, `${expr}: ${r.stderr}`).toBe(0);
    }
  });
});
