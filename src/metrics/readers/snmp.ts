import { lit, type Scanner } from '../scanner.js';
import type { ProcReader } from './reader.js';

const TCP = lit('Tcp:');
const CURR_ESTAB = lit('CurrEstab');

/** /proc/net/snmp: the `Tcp:` header line names the columns, the next `Tcp:` line holds CurrEstab. */
export const snmpReader: ProcReader = {
  id: 'proc_net_snmp',
  path: 'net/snmp',
  parse(s, st, events) {
    let column = -1;
    while (!s.atEnd()) {
      if (s.startsWith(TCP)) {
        s.pos += TCP.length;
        if (column < 0) column = findColumn(s);
        else {
          st.currEstab = s.skipFields(column) ? s.int() : NaN;
          if (Number.isNaN(st.currEstab)) events.add('proc_net_snmp_malformed');
          return;
        }
        if (column < 0) break;
      }
      s.nextLine();
    }
    events.add('proc_net_snmp_no_currestab');
  },
};

function findColumn(s: Scanner): number {
  const eol = s.lineEnd();
  for (let i = 0; s.pos < eol; i++) {
    s.blanks();
    if (s.startsWith(CURR_ESTAB)) return i;
    if (!s.skipField()) break;
  }
  return -1;
}
