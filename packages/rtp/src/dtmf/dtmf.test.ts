import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RtpPacket } from '../packet/packet';
import { type DtmfKey, parseTelephoneEvent } from './events';
import { type DtmfDigit, DtmfReceiver } from './receiver';
import { planKeyPress, planKeySequence } from './sender';

const ssrc = 0x1234;

/** The packets a phone sends for one key press, as RTP (each packet its own sequence number). */
function press(key: DtmfKey, timestamp: number, firstSequence: number, durationMs = 120): RtpPacket[] {
  return planKeyPress(key, { durationMs }).map((planned, i) => ({
    marker: planned.marker,
    payloadType: 101,
    sequence: firstSequence + i,
    timestamp,
    ssrc,
    csrcs: [],
    payload: planned.payload,
    padding: 0,
  }));
}

function listen(receiver: DtmfReceiver): DtmfDigit[] {
  const digits: DtmfDigit[] = [];
  receiver.on('dtmf', (digit) => digits.push(digit));
  return digits;
}

afterEach(() => vi.useRealTimers());

describe('a caller pressing keys (RFC 4733)', () => {
  it('sends a press as start, updates every 50 ms and the end packet three times', () => {
    const packets = planKeyPress('#', { durationMs: 120 });
    expect(packets.map((p) => p.atMs)).toEqual([0, 50, 100, 120, 170, 220]);
    expect(packets.map((p) => p.marker)).toEqual([true, false, false, false, false, false]);
    expect(packets.map((p) => parseTelephoneEvent(p.payload))).toEqual([
      { event: 11, end: false, volume: 10, duration: 0 },
      { event: 11, end: false, volume: 10, duration: 400 },
      { event: 11, end: false, volume: 10, duration: 800 },
      { event: 11, end: true, volume: 10, duration: 960 },
      { event: 11, end: true, volume: 10, duration: 960 },
      { event: 11, end: true, volume: 10, duration: 960 },
    ]);
  });

  it('dials several keys on one timeline, 100 ms between one end packet and the next press', () => {
    const plan = planKeySequence(['1', '2'], { durationMs: 100 });
    expect(plan.filter((p) => p.marker).map((p) => p.atMs)).toEqual([0, 300]);
    expect(plan).toHaveLength(10);
  });

  it("presses 1 then 2 → '1' and '2' once each, despite redundant ends, reordering and duplicates", () => {
    const receiver = new DtmfReceiver();
    const digits = listen(receiver);
    const starts: string[] = [];
    receiver.on('dtmf-start', (p) => starts.push(p.key));
    const one = press('1', 8000, 100);
    const two = press('2', 9600, 106);
    // The network swaps an update with the first end packet, repeats packets, and delivers a late
    // update of '1' after '2' has begun.
    const stream = [
      one[0],
      one[0],
      one[1],
      one[3],
      one[2],
      one[4],
      one[5],
      one[4],
      two[0],
      one[2],
      two[1],
      two[2],
      two[3],
      two[4],
      two[5],
      two[5],
    ];
    for (const packet of stream) if (packet) receiver.push(packet);
    expect(starts).toEqual(['1', '2']);
    expect(digits).toEqual([
      { key: '1', durationMs: 120, timestamp: 8000, ssrc, endedBy: 'end-packet' },
      { key: '2', durationMs: 120, timestamp: 9600, ssrc, endedBy: 'end-packet' },
    ]);
  });

  it('counts a press whose end arrives before its start once, at the end', () => {
    const receiver = new DtmfReceiver();
    const digits = listen(receiver);
    for (const packet of press('5', 500, 1).reverse()) receiver.push(packet);
    expect(digits.map((d) => d.key)).toEqual(['5']);
  });

  it('still reports a press whose end packets were all lost: at the next press, or after a quiet spell', () => {
    vi.useFakeTimers();
    const receiver = new DtmfReceiver({ endTimeoutMs: 300 });
    const digits = listen(receiver);
    for (const packet of press('7', 1000, 1).slice(0, 3)) receiver.push(packet);
    for (const packet of press('8', 5000, 10).slice(0, 2)) receiver.push(packet);
    expect(digits).toMatchObject([{ key: '7', durationMs: 100, endedBy: 'next-event' }]);
    vi.advanceTimersByTime(299);
    expect(digits).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(digits).toMatchObject([{ key: '7' }, { key: '8', durationMs: 50, endedBy: 'timeout' }]);
  });

  it('counts the same key pressed twice as two presses (two event timestamps)', () => {
    const receiver = new DtmfReceiver();
    const digits = listen(receiver);
    for (const packet of [...press('0', 100, 1), ...press('0', 2000, 7)]) receiver.push(packet);
    expect(digits.map((d) => d.key)).toEqual(['0', '0']);
  });

  it('ignores events that are not keys (flash, 16) and payloads too short to read', () => {
    const receiver = new DtmfReceiver();
    const digits = listen(receiver);
    const base = press('1', 1, 1)[0] as RtpPacket;
    receiver.push({ ...base, payload: Buffer.from([16, 0x80, 0, 160]) });
    receiver.push({ ...base, timestamp: 2, payload: Buffer.from([1]) });
    receiver.flush();
    expect(digits).toEqual([]);
  });
});
