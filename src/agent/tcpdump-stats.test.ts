import { describe, expect, it } from 'vitest';
import { TcpdumpStderr } from './tcpdump-stats.js';
import { tcpdumpCommand } from './tcpdump.js';

describe('tcpdump stderr', () => {
  it('reads the one-line SIGUSR1 report and the multi-line final report, split anywhere', () => {
    const s = new TcpdumpStderr();
    expect(
      s.push('tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n'),
    ).toBe(false);
    expect(s.listening).toBe(true);
    expect(s.push('tcpdump: 5 packets captured, 9 packets received by fil')).toBe(false);
    expect(s.push('ter, 1 packet dropped by kernel\n')).toBe(true);
    expect(s.stats).toEqual({ captured: 5, received: 9, droppedKernel: 1, droppedIface: 0 });
    expect(s.push('12 packets captured\n14 packets received by filter\n2 packets dropped by kernel\n')).toBe(
      true,
    );
    expect(s.end()).toBe(false);
    s.push('3 packets dropped by interface');
    s.end();
    expect(s.stats).toEqual({ captured: 12, received: 14, droppedKernel: 2, droppedIface: 3 });
    expect(s.reports).toBe(2);
  });

  it('keeps other lines for error messages', () => {
    const s = new TcpdumpStderr();
    s.push('tcpdump: eth9: No such device exists\n(No such device exists)\n');
    expect(s.messages()).toEqual(['tcpdump: eth9: No such device exists', '(No such device exists)']);
  });
});

describe('tcpdump command line', () => {
  it('writes pcap to stdout unbuffered, drops privileges and passes the filter as one argument', () => {
    expect(tcpdumpCommand({ iface: 'eth0', user: 'tcpdump', filter: 'tcp port 80' })).toEqual({
      cmd: 'tcpdump',
      args: [
        '-i',
        'eth0',
        '-w',
        '-',
        '-U',
        '-s',
        '0',
        '--immediate-mode',
        '-n',
        '-Z',
        'tcpdump',
        'tcp port 80',
      ],
    });
  });

  it('omits -Z without a user and runs in a namespace through ip netns exec', () => {
    expect(tcpdumpCommand({ iface: 'v0', user: null, netns: 'ns1' })).toEqual({
      cmd: 'ip',
      args: [
        'netns',
        'exec',
        'ns1',
        'tcpdump',
        '-i',
        'v0',
        '-w',
        '-',
        '-U',
        '-s',
        '0',
        '--immediate-mode',
        '-n',
      ],
    });
  });
});
