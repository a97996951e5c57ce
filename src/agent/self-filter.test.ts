import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { selfTrafficFilter, withSelfClause } from './self-filter.js';

const haveTcpdump = spawnSync('tcpdump', ['--version']).error === undefined;

describe('self-traffic capture filter', () => {
  it('leaves out the server address and port of a literal URL, IPv4 and IPv6', async () => {
    expect((await selfTrafficFilter('http://10.0.0.5:7700')).clause).toBe(
      'not (tcp port 7700 and (host 10.0.0.5))',
    );
    expect((await selfTrafficFilter('https://[fd00::7]/')).clause).toBe(
      'not (tcp port 443 and (host fd00::7))',
    );
  });

  it('resolves a name to every address it has now', async () => {
    const f = await selfTrafficFilter('http://vigil.vigil.svc:7700', async () => [
      '10.96.0.10',
      'fd00::10',
      '10.96.0.10',
    ]);
    expect(f.clause).toBe('not (tcp port 7700 and (host 10.96.0.10 or host fd00::10))');
    expect(f.note).toContain('vigil.vigil.svc:7700');
  });

  it('falls back to the port alone when the name does not resolve, and says so', async () => {
    const f = await selfTrafficFilter('http://nowhere.invalid:7700', async () => {
      throw new Error('ENOTFOUND');
    });
    expect(f.clause).toBe('not (tcp port 7700)');
    expect(f.note).toMatch(/does not resolve/);
  });

  it('joins the user filter', () => {
    expect(withSelfClause(undefined, 'not (tcp port 1)')).toBe('not (tcp port 1)');
    expect(withSelfClause('udp or icmp', 'not (tcp port 1)')).toBe('(udp or icmp) and not (tcp port 1)');
  });

  it.skipIf(!haveTcpdump)('compiles with tcpdump -d', async () => {
    for (const url of ['http://10.0.0.5:7700', 'https://[fd00::7]/', 'http://127.0.0.1:1']) {
      const expr = withSelfClause('tcp or udp', (await selfTrafficFilter(url)).clause);
      const r = spawnSync('tcpdump', ['-d', expr], { encoding: 'utf8' });
      expect(r.status, `${expr}: ${r.stderr}`).toBe(0);
    }
  });
});
