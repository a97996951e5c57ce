import type { ProcReader } from './reader.js';

/** /proc/loadavg: `0.21 0.37 0.39 1/719 19737`. */
export const loadavgReader: ProcReader = {
  id: 'proc_loadavg',
  path: 'loadavg',
  parse(s, st, events) {
    const l1 = s.decimal();
    const l5 = s.decimal();
    const l15 = s.decimal();
    if (Number.isNaN(l1 + l5 + l15)) {
      events.add('proc_loadavg_malformed');
      return;
    }
    st.load1 = l1;
    st.load5 = l5;
    st.load15 = l15;
  },
};
