import type { AlertRecord } from './alert-record.js';
import { snortTime } from './addr.js';

/**
 * Snort 3 alert_json fields, plus numeric gid/sid/rev. Kubernetes identity fields (src_pod …) are added by
 * the agent when it knows them; they are absent here.
 */
export function alertJsonObject(a: AlertRecord): Record<string, unknown> {
  return {
    timestamp: snortTime(a.tsSec, a.tsUsec),
    pkt_num: a.pktNum,
    proto: a.proto,
    pkt_len: a.pktLen,
    dir: a.dir,
    src_ap: `${a.srcAddr}:${a.srcPort ?? 0}`,
    dst_ap: `${a.dstAddr}:${a.dstPort ?? 0}`,
    rule: `${a.gid}:${a.sid}:${a.rev}`,
    action: 'allow',
    msg: a.msg,
    class: a.classDesc ?? 'none',
    priority: a.priority,
    gid: a.gid,
    sid: a.sid,
    rev: a.rev,
    service: a.service ?? 'unknown',
    community_id: a.communityId,
    seconds: a.tsSec,
    ts_usec: a.tsUsec,
  };
}

export function formatJson(a: AlertRecord): string {
  return JSON.stringify(alertJsonObject(a));
}
