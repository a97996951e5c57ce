/**
 * tcpdump's packet counters, as it prints them on SIGUSR1 (one line: "tcpdump: 5 packets captured, 9 packets
 * received by filter, 0 packets dropped by kernel") and at exit (one counter a line). Cumulative per process.
 */
export interface CaptureStats {
  captured: number;
  received: number;
  droppedKernel: number;
  /** "packets dropped by interface" (printed by libpcap when the driver counts them), else 0. */
  droppedIface: number;
}

export function zeroStats(): CaptureStats {
  return { captured: 0, received: 0, droppedKernel: 0, droppedIface: 0 };
}

const COUNTERS: [RegExp, keyof CaptureStats][] = [
  [/(\d+) packets? captured/, 'captured'],
  [/(\d+) packets? received by filter/, 'received'],
  [/(\d+) packets? dropped by kernel/, 'droppedKernel'],
  [/(\d+) packets? dropped by interface/, 'droppedIface'],
];

/**
 * Reads tcpdump's stderr line by line. A report ends at its "dropped by kernel" counter (printed last in both
 * forms; "dropped by interface" follows only when libpcap has it, and is folded into the next report's
 * snapshot). Other lines are kept, the last few, for error messages.
 */
export class TcpdumpStderr {
  readonly stats = zeroStats();
  reports = 0;
  listening = false;
  private partial = '';
  private readonly tail: string[] = [];

  /** Feed stderr text; returns true when a stats report completed. */
  push(text: string): boolean {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    let done = false;
    for (const line of lines) done = this.line(line) || done;
    return done;
  }

  /** The stream ended: a last line without its newline still counts. */
  end(): boolean {
    const rest = this.partial;
    this.partial = '';
    return rest === '' ? false : this.line(rest);
  }

  /** The last lines that were not counters (errors, warnings). */
  messages(): string[] {
    return [...this.tail];
  }

  private line(line: string): boolean {
    const text = line.trim();
    if (text === '') return false;
    if (text.includes('listening on')) this.listening = true;
    let counted = false;
    let ended = false;
    for (const [re, key] of COUNTERS) {
      const m = re.exec(text);
      if (m === null) continue;
      this.stats[key] = Number(m[1]);
      counted = true;
      if (key === 'droppedKernel') ended = true;
    }
    if (!counted) {
      this.tail.push(text);
      if (this.tail.length > 8) this.tail.shift();
    }
    if (ended) this.reports++;
    return ended;
  }
}
