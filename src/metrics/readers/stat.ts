import { lit } from '../scanner.js';
import type { ProcReader } from './reader.js';

const CPU = lit('cpu');
const INTR = lit('intr ');
const PROCESSES = lit('processes ');

/** /proc/stat: per-CPU idle ticks (4th field of `cpuN`), `intr` total, `processes` (forks since boot). */
export const statReader: ProcReader = {
  id: 'proc_stat',
  path: 'stat',
  parse(s, st, events) {
    st.cpus.present = true;
    while (!s.atEnd()) {
      const c = s.buf[s.pos];
      if (c === 0x63 && s.startsWith(CPU)) {
        const start = s.pos + 3;
        // The aggregate `cpu ` line is skipped: node_exporter exports per-CPU lines only.
        if (start < s.end && s.buf[start] !== 0x20) {
          s.pos = start;
          s.uint();
          const row = st.cpus.add(s.buf, start, s.pos);
          const idle = s.skipFields(3) ? s.uint() : NaN;
          if (Number.isNaN(idle)) events.add('proc_stat_malformed');
          st.cpus.set(row, 0, idle);
        }
      } else if (c === 0x69 && s.startsWith(INTR)) {
        s.pos += INTR.length;
        st.intr = s.uint();
        if (Number.isNaN(st.intr)) events.add('proc_stat_malformed');
      } else if (c === 0x70 && s.startsWith(PROCESSES)) {
        s.pos += PROCESSES.length;
        st.forks = s.uint();
        if (Number.isNaN(st.forks)) events.add('proc_stat_malformed');
      }
      s.nextLine();
    }
  },
};
