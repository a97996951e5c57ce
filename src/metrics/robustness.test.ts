import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from './features.js';
import { ProcReaders } from './readers/registry.js';
import { MetricsSampler } from './sampler.js';

const root = mkdtempSync(join(tmpdir(), 'vigil-odd-proc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeTree(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

describe('odd /proc text', () => {
  it('never throws and gives numbers or null for arbitrary bytes in every file', () => {
    let n = 0;
    const paths = ProcReaders.map((r) => r.path);
    const text = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string({
        unit: fc.constantFrom(' ', '\n', ':', '0', '9', 'a', 'cpu', 'Tcp:', 'intr ', 'TCP:', 'mem', '.', '-'),
      }),
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: paths.length, maxLength: paths.length }), (texts) => {
        const dir = join(root, String(n++));
        writeTree(dir, Object.fromEntries(paths.map((p, i) => [p, texts[i]!])));
        const s = new MetricsSampler({ procfs: dir });
        const { features } = s.sample();
        s.close();
        for (const name of FEATURE_NAMES) {
          const v = features[name];
          expect(v === null || Number.isFinite(v), `${name}=${v}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('counts a named event and nulls the feature for a malformed line', () => {
    const dir = join(root, 'malformed');
    writeTree(dir, {
      loadavg: '0.21 zero 0.39 1/719 19737\n',
      'net/sockstat': 'sockets: used 229\nTCP: inuse 4 orphan 0 tw 4 alloc 17 mem 1\nUDP: inuse 0 mem 0\n',
      'net/snmp': 'Tcp: RtoAlgorithm CurrEstab\nTcp: 1\n',
      'sys/fs/file-nr': '1024\t0\t1631329\n',
      vmstat: 'nr_free_pages 1\n',
    });
    const s = new MetricsSampler({ procfs: dir });
    const f = s.sample().features;
    expect(f.load1).toBeNull();
    expect(f.load15).toBeNull();
    expect(f.est_conn).toBeNull();
    expect(f.mem_pressure).toBeNull();
    expect(f.tcp_sock_alloc).toBe(17);
    expect(f.open_fds).toBe(1024);
    expect(s.events.get('proc_loadavg_malformed')).toBe(1);
    expect(s.events.get('proc_net_snmp_malformed')).toBe(1);
    expect(s.events.get('proc_vmstat_no_pgmajfault')).toBe(1);
    expect(s.events.get('proc_stat_unreadable')).toBe(1);
  });

  it('reads files larger than its initial buffer', () => {
    const dir = join(root, 'big');
    const header =
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
    const row = (i: number, st: string) =>
      `${String(i).padStart(4)}: 0100007F:0016 00000000:0000 ${st} 00000000:00000000 00:00000000 00000000     0        0 ${i} 1 0000000000000000 100 0 0 10 0\n`;
    let tcp = header;
    // Listeners come first (the kernel's listening hash), then the established hash.
    for (let i = 0; i < 5000; i++) tcp += row(i, i < 3000 ? '0A' : i % 2 ? '01' : '06');
    writeTree(dir, { 'net/tcp': tcp, 'net/tcp6': tcp.slice(0, -1) }); // tcp6 without a final newline
    const s = new MetricsSampler({ procfs: dir });
    expect(tcp.length).toBeGreaterThan(64 * 1024);
    expect(s.sample().features.lis_conn).toBe(6000);
    expect(s.sample().features.lis_conn).toBe(6000);
  });
});
