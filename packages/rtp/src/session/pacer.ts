/** How a paced run ended: every tick done, or stopped by the abort signal after `ticks`. */
export interface PaceResult {
  ticks: number;
  aborted: boolean;
}

/** Options of `pace`. */
export interface PaceOptions {
  signal?: AbortSignal;
  /** How far behind its schedule a run may fall before the schedule moves (default: one 20 ms packet). */
  maxLagMs?: number;
}

/**
 * Calls `tick(i)` for i = 0…count-1 at `offsetMs(i)` after the first tick. Each target is computed from the
 * start time, never from the previous timer, so timer lateness does not accumulate into drift. A late tick
 * fires at once and the next one is pulled closer to catch up, but never closer than half the scheduled gap
 * (no bursts); if a stall leaves the run more than `maxLagMs` behind, the schedule moves instead, so at most
 * one packet is ever sent late. Resolves after the last tick, or at once when `signal` aborts.
 */
export function pace(
  count: number,
  offsetMs: (index: number) => number,
  tick: (index: number) => void,
  options: PaceOptions = {},
): Promise<PaceResult> {
  const { signal } = options;
  const maxLagMs = options.maxLagMs ?? 20;
  return new Promise((resolve, reject) => {
    if (count <= 0 || signal?.aborted) {
      resolve({ ticks: 0, aborted: signal?.aborted ?? false });
      return;
    }
    let start = performance.now();
    let index = 0;
    let timer: NodeJS.Timeout | undefined;
    const settle = (aborted: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve({ ticks: index, aborted });
    };
    const onAbort = () => settle(true);
    signal?.addEventListener('abort', onAbort, { once: true });
    const step = () => {
      const now = performance.now();
      const lag = now - (start + offsetMs(index));
      if (lag > maxLagMs) start += lag - maxLagMs;
      try {
        tick(index);
      } catch (error) {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
        return;
      }
      index++;
      if (index >= count) {
        settle(false);
        return;
      }
      const gap = offsetMs(index) - offsetMs(index - 1);
      const target = Math.max(start + offsetMs(index), now + gap / 2);
      timer = setTimeout(step, Math.max(0, target - performance.now()));
    };
    step();
  });
}
