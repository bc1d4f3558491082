import { type DtmfKey, eventForKey, serializeTelephoneEvent } from './events';

/** One telephone-event packet to send `atMs` after the press begins. */
export interface PlannedEventPacket {
  atMs: number;
  marker: boolean;
  payload: Buffer;
}

/** How a key press is sent. */
export interface KeyPressOptions {
  /** How long the key is held (default 100 ms). */
  durationMs?: number;
  /** Interval of the update packets (default 50 ms, RFC 4733 §2.5.1.2). */
  intervalMs?: number;
  /** Power level in -dBm0 (default 10). */
  volume?: number;
  /** Timestamp clock rate (default 8000). */
  clockRate?: number;
}

/**
 * Plans the packets of one key press (RFC 4733 §2.5): a start packet with the marker bit, an update every
 * `intervalMs` with the duration so far, then the end packet three times at the same interval. Every packet
 * carries the timestamp of the press's start; the caller gives each its own sequence number.
 */
export function planKeyPress(key: DtmfKey, options: KeyPressOptions = {}): PlannedEventPacket[] {
  const durationMs = options.durationMs ?? 100;
  const intervalMs = options.intervalMs ?? 50;
  const volume = options.volume ?? 10;
  const unitsPerMs = (options.clockRate ?? 8000) / 1000;
  const event = eventForKey(key);
  const packets: PlannedEventPacket[] = [];
  for (let at = 0; at < durationMs; at += intervalMs) {
    const payload = serializeTelephoneEvent({ event, end: false, volume, duration: at * unitsPerMs });
    packets.push({ atMs: at, marker: at === 0, payload });
  }
  const end = serializeTelephoneEvent({ event, end: true, volume, duration: durationMs * unitsPerMs });
  for (let i = 0; i < 3; i++)
    packets.push({ atMs: durationMs + i * intervalMs, marker: false, payload: end });
  return packets;
}

/** Plans several key presses on one timeline: each starts `gapMs` (default 100) after the previous end packet. */
export function planKeySequence(
  keys: readonly DtmfKey[],
  options: KeyPressOptions & { gapMs?: number } = {},
): PlannedEventPacket[] {
  const gapMs = options.gapMs ?? 100;
  const plan: PlannedEventPacket[] = [];
  let pressStart = 0;
  for (const key of keys) {
    const packets = planKeyPress(key, options);
    for (const packet of packets) plan.push({ ...packet, atMs: pressStart + packet.atMs });
    pressStart += (packets.at(-1)?.atMs ?? 0) + gapMs;
  }
  return plan;
}
