import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultInterfaces,
  expandPatterns,
  listSysfsInterfaces,
  parseIpLink,
  parsePatterns,
  type NetInterface,
} from './ifaces.js';

const up = (name: string): NetInterface => ({ name, up: true, loopback: false });
const IFACES: NetInterface[] = [
  up('eth0'),
  up('eth1'),
  up('cali1a2b3c'),
  up('cali9f'),
  up('veth12ab'),
  { name: 'veth-down', up: false, loopback: false },
  { name: 'lo', up: true, loopback: true },
  up('docker0'),
  up('calico.x'),
];

describe('interface patterns', () => {
  it('expands a comma list with wildcards in name order', () => {
    expect(expandPatterns(parsePatterns('cali*,veth*,eth0'), IFACES)).toEqual([
      'cali1a2b3c',
      'cali9f',
      'calico.x',
      'eth0',
      'veth12ab',
    ]);
  });

  it('takes the rest of a pattern literally (a dot is a dot)', () => {
    expect(expandPatterns(parsePatterns('calico.*'), IFACES)).toEqual(['calico.x']);
    expect(expandPatterns(parsePatterns('eth.'), IFACES)).toEqual([]);
  });

  it('leaves loopback and down interfaces out of wildcards but keeps them when named', () => {
    expect(expandPatterns(parsePatterns('*'), IFACES)).not.toContain('lo');
    expect(expandPatterns(parsePatterns('veth*'), IFACES)).toEqual(['veth12ab']);
    expect(expandPatterns(parsePatterns('lo,veth-down'), IFACES)).toEqual(['lo', 'veth-down']);
  });

  it('picks up new interfaces and drops gone ones on re-expansion', () => {
    const pats = parsePatterns('veth*');
    const later = [...IFACES.filter((i) => i.name !== 'veth12ab'), up('veth77')];
    expect(expandPatterns(pats, IFACES)).toEqual(['veth12ab']);
    expect(expandPatterns(pats, later)).toEqual(['veth77']);
  });

  it('rejects empty lists and names with slashes or spaces', () => {
    expect(() => parsePatterns(' , ')).toThrow(/no interface/);
    expect(() => parsePatterns('eth0,a/b')).toThrow(/"a\/b" is not an interface/);
    expect(() => parsePatterns('eth 0')).toThrow(/not an interface/);
  });

  it('defaults to every interface that is up and not loopback', () => {
    expect(defaultInterfaces(IFACES)).toEqual([
      'cali1a2b3c',
      'cali9f',
      'calico.x',
      'docker0',
      'eth0',
      'eth1',
      'veth12ab',
    ]);
  });
});

describe('interface listing', () => {
  it('reads names and IFF_UP/IFF_LOOPBACK from sysfs flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-sysnet-'));
    for (const [name, flags] of [
      ['eth0', '0x1003'],
      ['lo', '0x9'],
      ['ifb0', '0x82'],
    ] as const) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'flags'), `${flags}\n`);
    }
    mkdirSync(join(dir, 'vanished')); // no flags file: gone between readdir and read
    const got = listSysfsInterfaces(dir).sort((a, b) => a.name.localeCompare(b.name));
    expect(got).toEqual([
      { name: 'eth0', up: true, loopback: false },
      { name: 'ifb0', up: false, loopback: false },
      { name: 'lo', up: true, loopback: true },
    ]);
  });

  it('names a missing sysfs directory', () => {
    expect(() => listSysfsInterfaces('/nonexistent/sys/class/net')).toThrow(/cannot list interfaces/);
  });

  it('parses ip -o link output, veth peers included', () => {
    const text = [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT',
      '7: vg-c0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP',
      '9: dummy1: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN',
      '',
    ].join('\n');
    expect(parseIpLink(text)).toEqual([
      { name: 'lo', up: true, loopback: true },
      { name: 'vg-c0', up: true, loopback: false },
      { name: 'dummy1', up: false, loopback: false },
    ]);
  });
});
