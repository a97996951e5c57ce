import { DISK_READ, DISK_WRITTEN } from '../node-state.js';
import type { ProcReader } from './reader.js';

/** /proc/diskstats: `major minor name` then sectors read (field 3 after the name) and written (field 7). */
export const diskstatsReader: ProcReader = {
  id: 'proc_diskstats',
  path: 'diskstats',
  parse(s, st, events) {
    const t = st.disks;
    t.present = true;
    while (!s.atEnd()) {
      if (s.skipFields(2)) {
        s.blanks();
        const start = s.pos;
        s.skipField();
        const row = t.add(s.buf, start, s.pos);
        const read = s.skipFields(2) ? s.uint() : NaN;
        const written = s.skipFields(3) ? s.uint() : NaN;
        if (Number.isNaN(read) || Number.isNaN(written)) events.add('proc_diskstats_malformed');
        t.set(row, DISK_READ, read);
        t.set(row, DISK_WRITTEN, written);
      } else if (s.lineEnd() > s.pos) {
        events.add('proc_diskstats_malformed');
      }
      s.nextLine();
    }
  },
};
