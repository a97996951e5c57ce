import type { PodIdentityMap } from '../k8s/identity.js';

/**
 * The pod identity the engine reads, refreshed in the background (a live Pod list every `refreshMs`, or a
 * recorded PodList once). A failed refresh keeps the last good map and is logged when its message changes.
 */
export class IdentitySource {
  private map: PodIdentityMap | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly load: (() => Promise<PodIdentityMap>) | null,
    private readonly log: (msg: string) => void,
    private readonly refreshMs = 30_000,
  ) {}

  readonly current = (): PodIdentityMap | null => this.map;

  /** First load (awaited, so the first alerts have identity), then periodic refreshes. */
  async start(periodic: boolean): Promise<void> {
    if (this.load === null) return;
    await this.refresh();
    if (periodic) {
      this.timer = setInterval(() => void this.refresh(), this.refreshMs);
      this.timer.unref();
    }
  }

  async refresh(): Promise<void> {
    if (this.load === null) return;
    try {
      this.map = await this.load();
      if (this.lastError !== null)
        this.log(`identity: pod list available again (${this.map.size} addresses)`);
      this.lastError = null;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (msg !== this.lastError) this.log(`identity: ${msg} (alerts keep the last known pod identity)`);
      this.lastError = msg;
    }
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
