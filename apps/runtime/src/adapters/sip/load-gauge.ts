const TICK_MS = 50;

/**
 * How late the event loop runs: the worst lateness of a 50 ms tick over the last window. Prompts are paced
 * on this loop, so when it runs late every call in progress hears gaps; new calls should go elsewhere.
 * The tick measures itself, so a stall counts from the first callback after it.
 */
export class LoadGauge {
  private readonly timer: NodeJS.Timeout;
  private readonly lateness: number[];
  private next = 0;
  private last = performance.now();

  constructor(windowMs = 500) {
    this.lateness = new Array<number>(Math.max(1, Math.round(windowMs / TICK_MS))).fill(0);
    this.timer = setInterval(() => {
      const now = performance.now();
      this.lateness[this.next] = Math.max(0, now - this.last - TICK_MS);
      this.next = (this.next + 1) % this.lateness.length;
      this.last = now;
    }, TICK_MS);
    this.timer.unref();
  }

  /** The loop's worst delay in the window, in milliseconds. */
  get eventLoopLagMs(): number {
    return Math.max(...this.lateness);
  }

  close(): void {
    clearInterval(this.timer);
  }
}
