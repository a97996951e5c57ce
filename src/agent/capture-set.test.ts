import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureSet } from './capture-set.js';
import { parsePatterns, type NetInterface } from './ifaces.js';
import { waitFor } from './testkit-receiver.js';

/**
 * A stand-in for tcpdump with its observable behaviour: a pcap header and one record on stdout, "listening
 * on" and the counters (one line on SIGUSR1, three lines at exit) on stderr, exit 1 for an unknown device.
 */
const FAKE = `#!/bin/bash
iface=$2
if [ "$iface" = bad0 ]; then echo "tcpdump: bad0: No such device exists" >&2; exit 1; fi
trap 'echo "tcpdump: 1 packet captured, 2 packets received by filter, 0 packets dropped by kernel" >&2' USR1
trap 'printf "1 packet captured\\n3 packets received by filter\\n1 packet dropped by kernel\\n" >&2; exit 0' TERM
echo "tcpdump: listening on $iface, link-type EN10MB (Ethernet), snapshot length 262144 bytes" >&2
printf '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x04\\x00\\x01\\x00\\x00\\x00'
printf '\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x00\\x00\\x02\\x00\\x00\\x00\\xab\\xcd'
while :; do sleep 0.05; done
`;

function fakeTcpdump(): string {
  const p = join(mkdtempSync(join(tmpdir(), 'vigil-fake-')), 'tcpdump');
  writeFileSync(p, FAKE);
  chmodSync(p, 0o755);
  return p;
}

const up = (name: string): NetInterface => ({ name, up: true, loopback: false });

describe('capture set', () => {
  it('runs one helper per matching interface, follows interfaces that come and go, and sums counters', async () => {
    let ifaces = [up('eth0'), up('veth1'), up('docker0')];
    const records: string[] = [];
    const logs: string[] = [];
    const set = new CaptureSet(
      {
        patterns: parsePatterns('veth*,eth0'),
        user: null,
        tcpdump: fakeTcpdump(),
        list: () => ifaces,
        rescanMs: 60_000,
      },
      (rec, iface) => records.push(`${iface}:${rec.caplen}`),
      (m) => logs.push(m),
    );
    set.start();
    expect(set.status().interfaces).toEqual(['eth0', 'veth1']);
    await waitFor(() => records.length === 2, 10_000, 'a record from each helper');
    expect(records.sort()).toEqual(['eth0:2', 'veth1:2']);

    set.requestStats();
    await waitFor(() => set.status().totals.received === 4, 10_000, 'SIGUSR1 counters');

    ifaces = [up('eth0'), up('veth2')]; // veth1's pod is gone, veth2's arrived
    set.reconcile();
    expect(set.status().interfaces).toEqual(['eth0', 'veth2']);
    expect(logs.join('\n')).toMatch(/veth1 is gone/);
    await waitFor(() => records.length === 3, 10_000, 'the new helper');

    await set.stop();
    const st = set.status();
    // Final counters of the three helpers: 3 received and 1 dropped each.
    expect(st.totals).toEqual({ captured: 3, received: 9, droppedKernel: 3, droppedIface: 0 });
    expect(st.interfaces).toEqual(['eth0', 'veth2']);
  });

  it('logs a helper that fails once, keeps it in the errors, and tries again on the next scan', async () => {
    const logs: string[] = [];
    const set = new CaptureSet(
      {
        patterns: parsePatterns('bad0'),
        user: null,
        tcpdump: fakeTcpdump(),
        list: () => [up('bad0')],
        rescanMs: 60_000,
      },
      () => undefined,
      (m) => logs.push(m),
    );
    set.start();
    await waitFor(() => Object.keys(set.status().errors).length === 1, 10_000, 'the failure');
    set.reconcile();
    await waitFor(() => set.status().interfaces.length === 0, 10_000, 'the second failure');
    await new Promise((r) => setTimeout(r, 100));
    await set.stop();
    expect(set.status().errors['bad0']).toMatch(
      /tcpdump on bad0 exited with code 1: tcpdump: bad0: No such device exists/,
    );
    expect(logs.filter((l) => l.includes('No such device')).length).toBe(1);
  });

  it('says when no interface matches, once until one does', async () => {
    const logs: string[] = [];
    const set = new CaptureSet(
      {
        patterns: parsePatterns('cali*,vg.0'),
        user: null,
        tcpdump: fakeTcpdump(),
        list: () => [up('eth0')],
        rescanMs: 60_000,
      },
      () => undefined,
      (m) => logs.push(m),
    );
    set.start();
    set.reconcile();
    await set.stop();
    expect(logs).toEqual(['capture: no interface matches cali*,vg.0 yet; looking again every 60 s']);
  });
});
