import { NET_RX_BYTES, NET_RX_DROP, NET_RX_ERRS, NET_TX_PACKETS } from '../node-state.js';
import type { ProcReader } from './reader.js';

/**
 * /proc/net/dev: two header lines, then `iface: rx bytes packets errs drop fifo frame compressed multicast
 * tx bytes packets …`. The same counters node_exporter reads with --no-collector.netdev.netlink (its netlink
 * default reads them from RTM_GETLINK instead).
 */
export const netdevReader: ProcReader = {
  id: 'proc_net_dev',
  path: 'net/dev',
  parse(s, st, events) {
    const t = st.net;
    t.present = true;
    s.nextLine();
    s.nextLine();
    while (!s.atEnd()) {
      const eol = s.lineEnd();
      s.blanks();
      const start = s.pos;
      const colon = s.buf.indexOf(0x3a, start);
      if (colon < 0 || colon >= eol) {
        if (eol > start) events.add('proc_net_dev_malformed');
        s.nextLine();
        continue;
      }
      let nameEnd = colon;
      while (nameEnd > start && s.buf[nameEnd - 1] === 0x20) nameEnd--;
      const row = t.add(s.buf, start, nameEnd);
      s.pos = colon + 1;
      const rxBytes = s.uint();
      s.skipField();
      const errs = s.uint();
      const drop = s.uint();
      const txPackets = s.skipFields(5) ? s.uint() : NaN;
      if (Number.isNaN(rxBytes + errs + drop + txPackets)) events.add('proc_net_dev_malformed');
      t.set(row, NET_RX_BYTES, rxBytes);
      t.set(row, NET_RX_ERRS, errs);
      t.set(row, NET_RX_DROP, drop);
      t.set(row, NET_TX_PACKETS, txPackets);
      s.nextLine();
    }
  },
};
