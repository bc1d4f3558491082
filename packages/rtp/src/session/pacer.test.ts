import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pace } from './pacer';

// The schedule is checked on a fake clock (timers and performance.now), so a busy CI machine cannot make
// it flaky; test/loopback.test.ts measures real packets on real timers.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => vi.useRealTimers());

/** Runs a 20 ms schedule of `count` ticks; `busyAfter(i)` ms pass inside tick i, as in a busy process. */
async function run(count: number, busyAfter: (index: number) => number = () => 0, signal?: AbortSignal) {
  const times: number[] = [];
  const done = pace(
    count,
    (i) => i * 20,
    (i) => {
      times.push(performance.now());
      const busy = busyAfter(i);
      if (busy) vi.advanceTimersByTime(busy); // no timer of ours is armed yet: only the clock moves
    },
    { signal },
  );
  await vi.runAllTimersAsync();
  return { offsets: times.map((t) => t - (times[0] as number)), result: await done };
}

describe('pacing 20 ms packets', () => {
  it('sends on a grid from the start time: tick i at exactly 20·i ms', async () => {
    const { offsets, result } = await run(50);
    expect(result).toEqual({ ticks: 50, aborted: false });
    expect(offsets).toEqual(Array.from({ length: 50 }, (_, i) => i * 20));
  });

  it('does not drift when each wake-up is a little late: the lateness is made up on the next tick', async () => {
    // Every other tick keeps the process busy for 27 ms, so the next wake-up is 7 ms late; the one after
    // is back on the grid: lateness never accumulates.
    const { offsets } = await run(10, (i) => (i % 2 === 0 ? 27 : 0));
    expect(offsets).toEqual([0, 27, 40, 67, 80, 107, 120, 147, 160, 187]);
  });

  it('after a 70 ms stall sends one packet late, catches up half a gap at a time, and never bursts', async () => {
    const { offsets } = await run(10, (i) => (i === 3 ? 70 : 0));
    // Packet 4 was due at 80 and goes at 130: 20 ms (one packet) of that is caught up, 30 ms move the grid.
    expect(offsets).toEqual([0, 20, 40, 60, 130, 140, 150, 170, 190, 210]);
    const gaps = offsets.slice(1).map((t, i) => t - (offsets[i] as number));
    expect(Math.min(...gaps)).toBe(10);
  });

  it('catches up a 15 ms late packet without sending two back to back', async () => {
    // Busy for 35 ms after packet 1: packet 2 goes 15 ms late, packet 3 half a gap later, packet 4 on time.
    const { offsets } = await run(5, (i) => (i === 1 ? 35 : 0));
    expect(offsets).toEqual([0, 20, 55, 65, 80]);
  });

  it('stops at once when aborted, mid-schedule', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { offsets, result } = await run(100, () => 0, controller.signal);
    expect(result).toEqual({ aborted: true, ticks: 3 });
    expect(offsets).toEqual([0, 20, 40]);
  });

  it('resolves without ticking when already aborted or when there is nothing to send', async () => {
    expect(
      await pace(
        5,
        (i) => i,
        () => {},
        { signal: AbortSignal.abort() },
      ),
    ).toEqual({ ticks: 0, aborted: true });
    expect(
      await pace(
        0,
        (i) => i,
        () => {},
      ),
    ).toEqual({ ticks: 0, aborted: false });
  });
});
