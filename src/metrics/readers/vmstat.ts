import { lit } from '../scanner.js';
import type { ProcReader } from './reader.js';

const PGMAJFAULT = lit('pgmajfault ');

/** /proc/vmstat: `pgmajfault N` (node_vmstat_pgmajfault, the mem_pressure feature). */
export const vmstatReader: ProcReader = {
  id: 'proc_vmstat',
  path: 'vmstat',
  parse(s, st, events) {
    while (!s.atEnd()) {
      if (s.buf[s.pos] === 0x70 && s.startsWith(PGMAJFAULT)) {
        s.pos += PGMAJFAULT.length;
        st.pgmajfault = s.uint();
        if (Number.isNaN(st.pgmajfault)) events.add('proc_vmstat_malformed');
        return;
      }
      s.nextLine();
    }
    events.add('proc_vmstat_no_pgmajfault');
  },
};
