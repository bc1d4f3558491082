/** RFC 3261 timer base values in milliseconds (§17.1.1.1); tests shrink them. */
export interface TimerSettings {
  /** RTT estimate: 500 ms. */
  t1: number;
  /** Longest retransmit interval for non-INVITE requests and INVITE responses: 4 s. */
  t2: number;
  /** Longest time a message stays in the network: 5 s. */
  t4: number;
}

/** The RFC defaults. */
export const defaultTimers: TimerSettings = { t1: 500, t2: 4000, t4: 5000 };

/** Named one-shot timers of one transaction; starting a name again replaces it. */
export class TimerSet {
  private readonly handles = new Map<string, ReturnType<typeof setTimeout>>();

  /** Runs `fn` after `ms`, replacing a pending timer of the same name. */
  start(name: string, ms: number, fn: () => void): void {
    this.stop(name);
    const handle = setTimeout(() => {
      this.handles.delete(name);
      fn();
    }, ms);
    handle.unref?.();
    this.handles.set(name, handle);
  }

  /** Cancels one timer. */
  stop(name: string): void {
    const handle = this.handles.get(name);
    if (handle !== undefined) clearTimeout(handle);
    this.handles.delete(name);
  }

  /** Cancels every timer. */
  clear(): void {
    for (const handle of this.handles.values()) clearTimeout(handle);
    this.handles.clear();
  }
}
