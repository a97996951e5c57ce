import { describe, expect, it } from 'vitest';
import type { AlertRecord } from './alert-record.js';
import { formatFast } from './alert-fast.js';
import { alertJsonObject } from './alert-json.js';

const base: AlertRecord = {
  tsSec: Date.UTC(2026, 10, 22, 10, 46, 40) / 1000,
  tsUsec: 449584,
  pktNum: 5,
  proto: 'ICMP',
  pktLen: 84,
  dir: 'C2S',
  ipVer: 4,
  srcAddr: '10.200.0.1',
  dstAddr: '10.200.0.2',
  srcPort: null,
  dstPort: null,
  gid: 1,
  sid: 366,
  rev: 11,
  msg: 'PROTOCOL-ICMP PING Unix',
  classDesc: 'Misc activity',
  classtype: 'misc-activity',
  priority: 3,
  ruleAction: 'alert',
  service: null,
  rebuilt: false,
  communityId: '1:abc=',
};

describe('alert formats', () => {
  it('writes alert_fast like Snort', () => {
    expect(formatFast(base)).toBe(
      '11/22-10:46:40.449584 [**] [1:366:11] "PROTOCOL-ICMP PING Unix" [**] [Classification: Misc activity] [Priority: 3] {ICMP} 10.200.0.1 -> 10.200.0.2',
    );
    expect(formatFast({ ...base, proto: 'TCP', srcPort: 40158, dstPort: 80, classDesc: null })).toBe(
      '11/22-10:46:40.449584 [**] [1:366:11] "PROTOCOL-ICMP PING Unix" [**] [Priority: 3] {TCP} 10.200.0.1:40158 -> 10.200.0.2:80',
    );
  });
  it('writes Snort 3 alert_json fields with numeric ids', () => {
    const o = alertJsonObject(base);
    expect(o).toMatchObject({
      timestamp: '11/22-10:46:40.449584',
      pkt_num: 5,
      proto: 'ICMP',
      pkt_len: 84,
      dir: 'C2S',
      src_ap: '10.200.0.1:0',
      dst_ap: '10.200.0.2:0',
      rule: '1:366:11',
      msg: 'PROTOCOL-ICMP PING Unix',
      class: 'Misc activity',
      priority: 3,
      gid: 1,
      sid: 366,
      rev: 11,
    });
  });
});
