import { WeirdPolicy } from '../logs/weird-policy.js';
import type { DetectionEngine } from '../detect/engine.js';
import { identityFields, type PodIdentityMap } from '../k8s/identity.js';
import { jsonRow } from '../logs/format/json.js';
import type { LogSink } from '../logs/log-set.js';
import { LOG_STREAMS, type StreamName, type StreamRecords } from '../logs/streams/registry.js';
import type { LogRecord } from '../logs/types.js';
import { alertJsonObject } from '../output/alert-json.js';
import type { AlertRecord } from '../output/alert-record.js';
import type { CaptureRecord } from '../packet/packet.js';
import { pipelineOptions, type IdsConfig } from '../pipeline/ids-config.js';
import { IdsPipeline } from '../pipeline/ids-pipeline.js';

/** The Zeek logs the server ingests (docs/api.md); ssh, x509 and weird stay on the node. */
export type ShippedLog = 'conn' | 'dns' | 'http' | 'ssl';
const SHIPPED: ReadonlySet<string> = new Set<ShippedLog>(['conn', 'dns', 'http', 'ssl']);

export interface EngineOutput {
  /** An alert as `vigil ids -A json` prints it, plus node and pod identity; `ruleText` of its rule. */
  alert(
    alert: Record<string, unknown>,
    rule: { gid: number; sid: number; rev: number; text: string } | null,
  ): void;
  /** A log record as `vigil logs --format json` writes it. */
  log(kind: ShippedLog, rec: Record<string, unknown>): void;
}

/** Log records to plain objects through the JSON log writer, so they are byte for byte `vigil logs --format json`. */
class ShippingLogSink implements LogSink {
  /** weird.log's repeats and per-host limits, as `vigil logs` writes it. */
  private readonly weirds = new WeirdPolicy();

  constructor(private readonly out: EngineOutput) {}

  write<N extends StreamName>(stream: N, rec: StreamRecords[N]): void {
    if (!SHIPPED.has(stream)) return;
    if (stream === 'weird' && !this.weirds.admit(rec as StreamRecords['weird'])) return;
    const line = jsonRow(LOG_STREAMS[stream], rec as unknown as LogRecord);
    this.out.log(stream as ShippedLog, JSON.parse(line) as Record<string, unknown>);
  }

  close(): void {}
}

export interface LiveEngineOptions {
  node: string;
  /** Current pod identity (refreshed elsewhere); null when unknown. */
  identity: () => PodIdentityMap | null;
  /** The text of a rule as loaded, shipped once with its first alert. */
  ruleText: (gid: number, sid: number) => string | null;
  /** Write Zeek logs (default true). */
  logs?: boolean;
}

/**
 * The packet engine on live input: one IdsPipeline on this thread for every interface's records, alerts
 * enriched with node and pod identity, logs as JSON objects. `tick` expires idle flows by the wall clock so
 * a quiet link still ends its flows and logs them.
 */
export class LiveEngine {
  readonly pipeline: IdsPipeline;
  private num = 0;
  private finished = false;

  constructor(
    engine: DetectionEngine | null,
    cfg: IdsConfig,
    private readonly out: EngineOutput,
    private readonly opts: LiveEngineOptions,
  ) {
    const logs = opts.logs === false ? null : new ShippingLogSink(out);
    this.pipeline = new IdsPipeline(engine, (a) => this.onAlert(a), {
      ...pipelineOptions(cfg),
      logs,
    });
  }

  push(rec: CaptureRecord): void {
    if (this.finished) return;
    this.pipeline.push(rec, ++this.num);
  }

  /**
   * Expire flows idle at `nowSec` (wall clock, live capture only: a replayed capture's time is its own).
   * Never earlier than the newest packet, so a clock behind the capture's does not end flows early.
   */
  tick(nowSec: number): void {
    if (this.finished) return;
    const t = Math.floor(Math.max(nowSec, this.pipeline.counters.lastTs));
    if (t > 0) this.pipeline.flows.expire(t);
  }

  /** End of input: flush every stream and end every flow (alerts and logs are delivered now). */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.pipeline.finish();
  }

  private onAlert(a: AlertRecord): void {
    const obj = alertJsonObject(a);
    const ids = this.opts.identity();
    if (ids !== null) Object.assign(obj, identityFields(ids, a.srcAddr, a.dstAddr));
    obj['node'] = this.opts.node;
    const text = this.opts.ruleText(a.gid, a.sid);
    this.out.alert(obj, text === null ? null : { gid: a.gid, sid: a.sid, rev: a.rev, text });
  }
}
