import type { WeirdRecord } from './streams/weird.js';

/** Zeek's Weird::Action values that Vigil applies (notices become `notice: T` rows; no notice.log). */
export const WeirdAction = {
  IGNORE: 0,
  LOG: 1,
  LOG_ONCE: 2,
  LOG_PER_CONN: 3,
  LOG_PER_ORIG: 4,
  NOTICE_PER_ORIG: 5,
} as const;
type Action = (typeof WeirdAction)[keyof typeof WeirdAction];

const A = WeirdAction;

/**
 * `Weird::actions` of Zeek's base/frameworks/notice/weird.zeek for the weirds Vigil raises; any other name
 * is ACTION_LOG (Zeek's `&default`).
 */
const ACTIONS: ReadonlyMap<string, Action> = new Map<string, Action>([
  ['unsolicited_SYN_response', A.IGNORE],
  ['spontaneous_FIN', A.IGNORE],
  ['spontaneous_RST', A.IGNORE],
  ['FIN_after_reset', A.IGNORE],
  ['connection_originator_SYN_ack', A.LOG_PER_ORIG],
  ['SYN_with_data', A.LOG_PER_ORIG],
  ['simultaneous_open', A.LOG_PER_CONN],
  ['SYN_after_partial', A.NOTICE_PER_ORIG],
  ['FIN_storm', A.NOTICE_PER_ORIG],
]);

/** `weird_ignore`'s `&create_expire`: the same weird of the same connection is logged once per 10 minutes. */
const REPEAT_WINDOW_S = 600;
/** `did_log` / `did_notice`'s `&create_expire` for the once-per-host and once-per-connection actions. */
const LIMIT_WINDOW_S = 86_400;
const SWEEP_EVERY_S = 60;

/**
 * Which weirds reach weird.log, as Zeek's `Weird::do_weird` decides: ignored names never; a name already
 * logged for the same connection (its `id` 4-tuple; flowless weirds share the empty identifier) not again
 * within 10 minutes; the per-host and per-connection actions once a day per host or connection. Times are
 * the records' capture times. One policy per set of files: with `-z N` it runs where all rows meet.
 */
export class WeirdPolicy {
  private readonly repeats = new Map<string, number>();
  private readonly limited = new Map<string, number>();
  private nextSweep = 0;

  /** Whether `rec` is written; sets `rec.notice` for the notice actions. */
  admit(rec: WeirdRecord): boolean {
    const action = ACTIONS.get(rec.name) ?? A.LOG;
    if (action === A.IGNORE) return false;
    const ts = rec.ts;
    if (ts >= this.nextSweep) this.sweep(ts);
    const orig = rec['id.orig_h'];
    const identifier =
      orig === null ? '' : `${orig}:${rec['id.orig_p']} > ${rec['id.resp_h']}:${rec['id.resp_p']}`;
    const key = `${rec.name}\n${identifier}`;
    const until = this.repeats.get(key);
    if (until !== undefined && ts < until) return false;
    if (action !== A.LOG) {
      const who = action === A.LOG_ONCE ? '' : action === A.LOG_PER_CONN || orig === null ? identifier : orig;
      const limitKey = `${rec.name}\n${who}`;
      const limit = this.limited.get(limitKey);
      if (limit !== undefined && ts < limit) return false;
      this.limited.set(limitKey, ts + LIMIT_WINDOW_S);
      if (action === A.NOTICE_PER_ORIG) rec.notice = true;
    }
    this.repeats.set(key, ts + REPEAT_WINDOW_S);
    return true;
  }

  /** Entries whose window has passed are dropped (bounded memory on long captures). */
  private sweep(ts: number): void {
    this.nextSweep = ts + SWEEP_EVERY_S;
    for (const [k, until] of this.repeats) if (until <= ts) this.repeats.delete(k);
    for (const [k, until] of this.limited) if (until <= ts) this.limited.delete(k);
  }
}
