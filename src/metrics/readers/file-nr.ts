import type { ProcReader } from './reader.js';

/** /proc/sys/fs/file-nr: allocated, unused (always 0 since 2.6), maximum file handles, system-wide. */
export const fileNrReader: ProcReader = {
  id: 'proc_sys_fs_file_nr',
  path: 'sys/fs/file-nr',
  parse(s, st, events) {
    const allocated = s.uint();
    s.uint();
    const maximum = s.uint();
    if (Number.isNaN(allocated + maximum)) {
      events.add('proc_sys_fs_file_nr_malformed');
      return;
    }
    st.fdAllocated = allocated;
    st.fdMaximum = maximum;
  },
};
