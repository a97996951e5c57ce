import { lit } from '../scanner.js';
import type { ProcReader } from './reader.js';

const MEM_TOTAL = lit('MemTotal:');
const MEM_AVAILABLE = lit('MemAvailable:');

/**
 * /proc/meminfo: MemTotal and MemAvailable in kB. Kernels before 3.14 have no MemAvailable line: it stays
 * absent (mem_av_per null), never a MemFree+Buffers+Cached stand-in, which measures something else.
 */
export const meminfoReader: ProcReader = {
  id: 'proc_meminfo',
  path: 'meminfo',
  parse(s, st, events) {
    while (!s.atEnd()) {
      if (s.buf[s.pos] === 0x4d) {
        if (s.startsWith(MEM_TOTAL)) {
          s.pos += MEM_TOTAL.length;
          st.memTotalKb = s.uint();
          if (Number.isNaN(st.memTotalKb)) events.add('proc_meminfo_malformed');
        } else if (s.startsWith(MEM_AVAILABLE)) {
          s.pos += MEM_AVAILABLE.length;
          st.memAvailableKb = s.uint();
          if (Number.isNaN(st.memAvailableKb)) events.add('proc_meminfo_malformed');
        }
        if (st.memTotalKb === st.memTotalKb && st.memAvailableKb === st.memAvailableKb) return;
      }
      s.nextLine();
    }
  },
};
