import type { Sql } from '../sql.js';
import type { Overview, TimeRange } from '../store.js';
import { ALERT_SELECT, alertRow, type AlertDbRow } from './alert-row.js';

/**
 * The dashboard's summary of alerts with from <= ts < to: counts per bucket (every bucket, zeros
 * included, bucket i starting at from + i*bucket), the ten commonest signatures, the ten addresses seen
 * most at either end, and the ten newest alerts.
 */
export async function overview(q: Sql, r: Required<TimeRange>, bucket: number): Promise<Overview> {
  const range = [r.from, r.to];
  const [rate, sigs, talkers, newest] = await Promise.all([
    q.query<{ b: number; n: string }>(
      `SELECT floor((ts - $1::float8) / $3::float8)::int8 AS b, count(*) AS n
       FROM alerts WHERE ts >= $1::float8 AND ts < $2::float8 GROUP BY 1 ORDER BY 1`,
      [...range, bucket],
    ),
    q.query<{ gid: number; sid: string; n: string; msg: string }>(
      `SELECT g.gid, g.sid, g.n,
         (SELECT a.msg FROM alerts a WHERE a.gid = g.gid AND a.sid = g.sid ORDER BY a.ts DESC LIMIT 1) AS msg
       FROM (SELECT gid, sid, count(*) AS n FROM alerts WHERE ts >= $1::float8 AND ts < $2::float8
             GROUP BY gid, sid ORDER BY n DESC, gid, sid LIMIT 10) g ORDER BY g.n DESC, g.gid, g.sid`,
      range,
    ),
    q.query<{ addr: string; n: string }>(
      `SELECT addr, count(*) AS n FROM (
         SELECT src_addr AS addr FROM alerts WHERE ts >= $1::float8 AND ts < $2::float8
         UNION ALL SELECT dst_addr FROM alerts WHERE ts >= $1::float8 AND ts < $2::float8) x
       WHERE addr IS NOT NULL GROUP BY addr ORDER BY n DESC, addr LIMIT 10`,
      range,
    ),
    q.query<AlertDbRow>(
      `SELECT ${ALERT_SELECT} FROM alerts WHERE ts >= $1::float8 AND ts < $2::float8 ORDER BY ts DESC, id DESC LIMIT 10`,
      range,
    ),
  ]);
  const counts = new Map(rate.rows.map((x) => [Number(x.b), Number(x.n)]));
  const buckets = Math.ceil((r.to - r.from) / bucket);
  const alert_rate = Array.from({ length: buckets }, (_, i) => ({
    ts: r.from + i * bucket,
    count: counts.get(i) ?? 0,
  }));
  return {
    alert_rate,
    top_signatures: sigs.rows.map((x) => ({
      gid: x.gid,
      sid: Number(x.sid),
      msg: x.msg,
      count: Number(x.n),
    })),
    top_talkers: talkers.rows.map((x) => ({ addr: x.addr, alerts: Number(x.n) })),
    newest_alerts: newest.rows.map(alertRow),
  };
}
