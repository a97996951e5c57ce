import { spawn, type ChildProcess } from 'node:child_process';
import { CaptureFormatError } from '../core/errors.js';
import { forEachStreamRecord } from '../packet/file-source.js';
import type { CaptureRecord } from '../packet/packet.js';
import { TcpdumpStderr, type CaptureStats } from './tcpdump-stats.js';

export interface TcpdumpOptions {
  iface: string;
  /** BPF filter expression, passed through as one argument. */
  filter?: string;
  /** Drop privileges to this user after opening the device (`-Z`); omitted when null. */
  user: string | null;
  /** Run inside this named network namespace (`ip netns exec NS tcpdump …`). */
  netns?: string;
  /** The tcpdump binary (default `tcpdump` on PATH). */
  tcpdump?: string;
}

/** The command line of the capture helper: classic pcap on stdout, flushed per packet, whole frames. */
export function tcpdumpCommand(o: TcpdumpOptions): { cmd: string; args: string[] } {
  const args = ['-i', o.iface, '-w', '-', '-U', '-s', '0', '--immediate-mode', '-n'];
  if (o.user !== null) args.push('-Z', o.user);
  if (o.filter !== undefined && o.filter.trim() !== '') args.push(o.filter);
  const bin = o.tcpdump ?? 'tcpdump';
  return o.netns === undefined
    ? { cmd: bin, args }
    : { cmd: 'ip', args: ['netns', 'exec', o.netns, bin, ...args] };
}

export interface TcpdumpEvents {
  /** Each record, synchronously; the record and its bytes are valid only during the call. */
  onRecord: (rec: CaptureRecord, iface: string) => void;
  /** The process ended; `error` is null after a requested stop. */
  onExit: (iface: string, error: string | null) => void;
}

/**
 * One tcpdump process capturing one interface (the privilege-separated capture helper: only it opens the
 * raw socket, and it drops to `user` right after). Its pcap stream goes through the packet/ reader.
 */
export class TcpdumpCapture {
  readonly stderr = new TcpdumpStderr();
  private child: ChildProcess | null = null;
  private stopping = false;
  private done = false;
  private exited: Promise<void> | null = null;

  constructor(
    readonly opts: TcpdumpOptions,
    private readonly ev: TcpdumpEvents,
  ) {}

  get stats(): CaptureStats {
    return this.stderr.stats;
  }

  get running(): boolean {
    return this.child !== null && !this.done;
  }

  start(): void {
    const { cmd, args } = tcpdumpCommand(this.opts);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let spawnError: string | null = null;
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError =
        e.code === 'ENOENT'
          ? `${cmd} not found on PATH (install the tcpdump package)`
          : `cannot start ${cmd}: ${e.message}`;
    });
    child.stderr!.setEncoding('latin1');
    child.stderr!.on('data', (s: string) => this.stderr.push(s));
    const iface = this.opts.iface;
    const reading = forEachStreamRecord(child.stdout!, (rec) => this.ev.onRecord(rec, iface)).then(
      () => null,
      (e: unknown) => {
        // A stream we cannot parse is useless: end the helper rather than let its pipe fill up.
        child.kill('SIGTERM');
        return e instanceof CaptureFormatError ? e : null;
      },
    );
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    this.exited = Promise.all([reading, closed]).then(([readErr, code]) => {
      this.stderr.end();
      this.done = true;
      let error: string | null = null;
      if (spawnError !== null) error = spawnError;
      else if (!this.stopping) error = this.describeExit(code, readErr);
      this.ev.onExit(iface, error);
    });
  }

  private describeExit(code: number | null, readErr: CaptureFormatError | null): string {
    const msg = this.stderr.messages().filter((m) => !m.includes('listening on'));
    const said = msg.length > 0 ? `: ${msg.join(' | ')}` : '';
    const perm = msg.some((m) => /permission|not permitted/i.test(m))
      ? ' (capture needs root or CAP_NET_RAW and CAP_NET_ADMIN)'
      : '';
    const stream = readErr !== null && msg.length === 0 ? `: bad capture stream (${readErr.message})` : '';
    return `tcpdump on ${this.opts.iface} exited with code ${code ?? 'signal'}${said}${stream}${perm}`;
  }

  /** Ask for the counters (SIGUSR1); they arrive on stderr and update `stats`. */
  requestStats(): void {
    if (this.child !== null && !this.done && this.child.pid !== undefined) {
      try {
        this.child.kill('SIGUSR1');
      } catch {
        // exited meanwhile
      }
    }
  }

  /** Stop capturing: tcpdump flushes its last packets and prints its final counters. */
  async stop(timeoutMs = 3000): Promise<void> {
    if (this.child === null || this.exited === null) return;
    this.stopping = true;
    if (!this.done) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
