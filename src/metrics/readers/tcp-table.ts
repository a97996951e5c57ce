import type { EventCounts } from '../../core/counters.js';
import type { NodeState } from '../node-state.js';
import type { ProcFiles } from '../proc-files.js';
import type { Scanner } from '../scanner.js';
import type { ProcReader } from './reader.js';

const SYN_RECV = 0x03;
const LISTEN = 0x0a;
/** Bytes per row: IPv4 rows are padded to 150 bytes, IPv6 rows are a little longer (an underestimate is cheap). */
const ROW_BYTES = 150;
/**
 * seq_file hands out at most its buffer (a page, 4 KiB at least) per read, ending on a row boundary; a read
 * shorter than a page by more than a row can only be the end of the table. Knowing that saves the read that
 * returns 0, which costs another walk of the established hash.
 */
const SURELY_AT_END = 4096 - 2 * ROW_BYTES;

/**
 * /proc/net/tcp and tcp6 (`sl local remote st …`, st in hex): counts LISTEN sockets, the lis_conn feature
 * (node_tcp_connection_states{state="listen"}). The kernel lists its listening hash before the established
 * hash, and producing the rest of the table walks every established-hash bucket (262,144 on a 24 GB machine:
 * about 1 ms of kernel time per read, even when empty). So the file is read in row-sized steps and reading
 * stops at the first row that is neither LISTEN nor SYN_RECV (old kernels list a listener's pending requests
 * after it). A kernel without IPv6 has no tcp6: the count is then IPv4 only; it is null only when neither
 * table can be read.
 */
class ListenerCounter implements ProcReader {
  /** Listener rows seen last time: the next sample's first read asks for that many rows. */
  private expected = 16;
  readonly listenerTable = true;

  constructor(
    readonly id: string,
    readonly path: string,
  ) {}

  parse(s: Scanner, st: NodeState, events: EventCounts): void {
    s.nextLine();
    add(st, this.rows(s, events, true).listen);
  }

  readPart(files: ProcFiles, path: string, s: Scanner, st: NodeState, events: EventCounts): boolean {
    let offset = 0;
    let listen = 0;
    let header = true;
    for (;;) {
      // Ask for the rows expected to be listeners plus one: every byte past that makes the kernel walk
      // further into the established hash. Too few rows costs only another cheap read.
      const want = ROW_BYTES * ((header ? 1 : 0) + Math.max(this.expected - listen, 0) + 1);
      const n = files.readAt(path, offset, want);
      if (n < 0) return false;
      if (n === 0) break;
      s.reset(files.buf, n);
      if (header) {
        const eol = s.lineEnd();
        if (eol >= n) return this.readAll(files, path, s, st, events); // a header longer than a step
        s.nextLine();
        header = false;
      }
      const start = s.pos;
      // A short read is not the end (seq_file returns at most a page) but it ends on a row boundary, or at
      // the end of a file whose last row has no newline: either way its last row is whole.
      const r = this.rows(s, events, n < want);
      listen += r.listen;
      if (r.done || (n < want && n < SURELY_AT_END)) break;
      if (s.pos === start) return this.readAll(files, path, s, st, events); // a row longer than a step
      offset += s.pos; // whole rows only: a row cut by the step is read again from its start
    }
    this.expected = listen;
    add(st, listen);
    return true;
  }

  private readAll(files: ProcFiles, path: string, s: Scanner, st: NodeState, events: EventCounts): boolean {
    const n = files.read(path);
    if (n < 0) return false;
    s.reset(files.buf, n);
    this.parse(s, st, events);
    return true;
  }

  /** Parses complete rows from the cursor; stops (done) at the first row past the listeners. */
  private rows(s: Scanner, events: EventCounts, lastIsWhole: boolean): { listen: number; done: boolean } {
    let listen = 0;
    while (!s.atEnd()) {
      const eol = s.lineEnd();
      if (eol >= s.end && !lastIsWhole) return { listen, done: false }; // cut by the read size
      const state = s.skipFields(3) ? (s.blanks(), s.hexByte()) : NaN;
      if (state === LISTEN) listen++;
      else if (Number.isNaN(state)) {
        if (eol > s.pos) events.add(`${this.id}_malformed`);
      } else if (state !== SYN_RECV) return { listen, done: true };
      s.pos = Math.min(eol + 1, s.end);
    }
    return { listen, done: false };
  }
}

function add(st: NodeState, listen: number): void {
  st.tcpListen = (Number.isNaN(st.tcpListen) ? 0 : st.tcpListen) + listen;
}

export const tcpReader: ProcReader = new ListenerCounter('proc_net_tcp', 'net/tcp');
export const tcp6Reader: ProcReader = new ListenerCounter('proc_net_tcp6', 'net/tcp6');
