/** XState's timer interface (its `clock` option), which the package does not export by name. */
export interface Clock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * A clock that only moves when told: timers fire in due order as `advance` or `next` passes them.
 * Simulated calls run on it, so a ten-minute queue wait takes no real time.
 */
export class VirtualClock implements Clock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; fn: () => void }>();

  constructor(private readonly origin = Date.now()) {}

  setTimeout(fn: () => void, timeout: number): number {
    const id = this.nextId++;
    this.timers.set(id, { due: this.time + Math.max(0, timeout), fn });
    return id;
  }

  clearTimeout(id: unknown): void {
    if (typeof id !== 'number') return;
    this.timers.delete(id);
  }

  /** Milliseconds since the clock started. */
  get elapsed(): number {
    return this.time;
  }

  /** The simulated wall-clock time. */
  now(): Date {
    return new Date(this.origin + this.time);
  }

  /** Fires the earliest timer, moving time to it; false when no timer is left. */
  next(): boolean {
    let earliest: [number, { due: number; fn: () => void }] | undefined;
    for (const entry of this.timers) if (!earliest || entry[1].due < earliest[1].due) earliest = entry;
    if (!earliest) return false;
    this.timers.delete(earliest[0]);
    this.time = Math.max(this.time, earliest[1].due);
    earliest[1].fn();
    return true;
  }

  /** Moves time on by `ms`, firing every timer due on the way. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.values()].filter((t) => t.due <= until);
      if (due.length === 0 || !this.next()) break;
    }
    this.time = until;
  }
}
