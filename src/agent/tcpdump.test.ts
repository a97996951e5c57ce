import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { captureProblem, captureUser, checkFilter, hasCapNetRaw, onPath } from './capture-check.js';
import { TcpdumpCapture } from './tcpdump.js';
import { waitFor } from './testkit-receiver.js';

const problem = captureProblem();
// Skipped with the reason where capture is impossible, except in CI, where the facility is installed and
// a missing one must fail the run.
const skip = problem !== null && process.env['CI'] === undefined;
const why = problem === null ? '' : `(skipped: ${problem})`;

describe('capture checks', () => {
  it('finds programs on PATH and names missing ones', () => {
    expect(onPath('sh')).toMatch(/\/sh$/);
    expect(onPath('vigil-no-such-program')).toBeNull();
    expect(captureProblem('vigil-no-such-tcpdump')).toMatch(/vigil-no-such-tcpdump not found on PATH/);
  });

  it('reads CAP_NET_RAW (bit 13) from the effective capability set', () => {
    expect(hasCapNetRaw('Name:\tx\nCapInh:\t0000000000002000\nCapEff:\t0000000000000000\n')).toBe(false);
    expect(hasCapNetRaw('CapEff:\t0000000000002000\n')).toBe(true);
    expect(hasCapNetRaw('CapEff:\t000001ffffffffff\n')).toBe(true);
    expect(hasCapNetRaw('no such line')).toBe(false);
  });

  it.skipIf(onPath('tcpdump') === null)("names an invalid BPF filter with tcpdump's reason", () => {
    expect(() => checkFilter('tcp portt 80')).toThrow(
      /invalid capture filter "tcp portt 80": .*syntax error/,
    );
    expect(() => checkFilter('tcp port 80 and not host 10.0.0.1')).not.toThrow();
  });
});

describe.skipIf(skip)(`tcpdump capture helper ${why}`, () => {
  it("streams packets of a real connection through the pcap reader and reports tcpdump's counters", async () => {
    const server = createServer((_req, res) => res.end('hello from the capture test'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    let records = 0;
    let sawPayload = false;
    let exitError: string | null | undefined;
    const cap = new TcpdumpCapture(
      { iface: 'lo', user: captureUser(), filter: `tcp port ${port}` },
      {
        onRecord: (rec) => {
          records++;
          if (Buffer.from(rec.data).includes('hello from the capture test')) sawPayload = true;
        },
        onExit: (_i, e) => {
          exitError = e;
        },
      },
    );
    cap.start();
    await waitFor(() => cap.stderr.listening, 10_000, 'tcpdump listening');
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe('hello from the capture test');
    await waitFor(() => sawPayload, 10_000, 'the response in the capture');
    cap.requestStats();
    await waitFor(() => cap.stderr.reports >= 1, 10_000, 'SIGUSR1 stats');
    await cap.stop();
    server.close();
    expect(exitError).toBeNull();
    expect(records).toBeGreaterThanOrEqual(6); // handshake, request, response, teardown
    expect(cap.stats.received).toBeGreaterThanOrEqual(records);
    expect(cap.stderr.reports).toBeGreaterThanOrEqual(2); // SIGUSR1 and the final one
  });

  it('reports why tcpdump exits on its own (no such interface)', async () => {
    let exitError: string | null | undefined;
    const cap = new TcpdumpCapture(
      { iface: 'vigil-nosuch0', user: null },
      { onRecord: () => undefined, onExit: (_i, e) => (exitError = e) },
    );
    cap.start();
    await waitFor(() => exitError !== undefined, 10_000, 'exit');
    expect(exitError).toMatch(
      /tcpdump on vigil-nosuch0 exited with code 1: .*(No such device|doesn't exist)/,
    );
  });
});
