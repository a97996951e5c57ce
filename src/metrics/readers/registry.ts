import { diskstatsReader } from './diskstats.js';
import { fileNrReader } from './file-nr.js';
import { loadavgReader } from './loadavg.js';
import { meminfoReader } from './meminfo.js';
import { netdevReader } from './netdev.js';
import type { ProcReader } from './reader.js';
import { snmpReader } from './snmp.js';
import { sockstatReader } from './sockstat.js';
import { statReader } from './stat.js';
import { tcp6Reader, tcpReader } from './tcp-table.js';
import { vmstatReader } from './vmstat.js';

/** Every procfs file a sample reads; adding a source is its file and a line here. */
export const ProcReaders: readonly ProcReader[] = [
  statReader,
  diskstatsReader,
  netdevReader,
  vmstatReader,
  meminfoReader,
  loadavgReader,
  sockstatReader,
  snmpReader,
  tcpReader,
  tcp6Reader,
  fileNrReader,
];
