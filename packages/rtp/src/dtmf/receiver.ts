import { EventEmitter } from 'node:events';
import type { RtpPacket } from '../packet/packet';
import { type DtmfKey, keyForEvent, parseTelephoneEvent } from './events';

/** A key press, reported once however many packets carried it. */
export interface DtmfDigit {
  key: DtmfKey;
  durationMs: number;
  /** RTP timestamp of the event's start: the identity of the press. */
  timestamp: number;
  ssrc: number;
  /** How the press was seen to end: an end packet, a newer press, silence from the sender, or `flush()`. */
  endedBy: 'end-packet' | 'next-event' | 'timeout' | 'flush';
}

/** A key press that has begun (first packet seen): early enough to stop a prompt on barge-in. */
export interface DtmfPress {
  key: DtmfKey;
  timestamp: number;
  ssrc: number;
}

/** Events of a `DtmfReceiver`. */
export interface DtmfReceiverEvents {
  'dtmf-start': [DtmfPress];
  dtmf: [DtmfDigit];
}

/** Options of a `DtmfReceiver`. */
export interface DtmfReceiverOptions {
  /** Timestamp clock rate of the telephone-event payload type (8000 for G.711 calls). */
  clockRate?: number;
  /** A press whose end packets were all lost is reported after this long without packets for it. */
  endTimeoutMs?: number;
}

interface Active extends DtmfPress {
  duration: number;
  timer: NodeJS.Timeout;
}

/** How many finished presses are remembered to ignore their late, duplicate or redundant packets. */
const memory = 64;

/**
 * Turns RFC 4733 telephone-event packets into key presses. A press is identified by its RTP timestamp
 * (and SSRC), so start, continuation and the redundant end packets count once; packets of a press already
 * reported (reordered, duplicated, retransmitted) are ignored.
 */
export class DtmfReceiver extends EventEmitter<DtmfReceiverEvents> {
  private readonly active = new Map<string, Active>();
  private readonly finished = new Set<string>();
  private readonly clockRate: number;
  private readonly endTimeoutMs: number;

  constructor(options: DtmfReceiverOptions = {}) {
    super();
    this.clockRate = options.clockRate ?? 8000;
    this.endTimeoutMs = options.endTimeoutMs ?? 400;
  }

  /** Feeds one packet of the telephone-event payload type; malformed payloads and non-key events are ignored. */
  push(packet: RtpPacket): void {
    if (packet.payload.length < 4) return;
    const event = parseTelephoneEvent(packet.payload);
    const key = keyForEvent(event.event);
    if (!key) return;
    const id = `${packet.ssrc}:${packet.timestamp}`;
    if (this.finished.has(id)) return;
    let press = this.active.get(id);
    if (!press) {
      this.supersede(packet.ssrc, packet.timestamp);
      press = { key, timestamp: packet.timestamp, ssrc: packet.ssrc, duration: 0, timer: this.timeout(id) };
      this.active.set(id, press);
      this.emit('dtmf-start', { key, timestamp: press.timestamp, ssrc: press.ssrc });
    }
    press.duration = Math.max(press.duration, event.duration);
    if (event.end) this.finish(id, 'end-packet');
    else press.timer.refresh();
  }

  /** Reports every press still in progress (end of call, end of a capture). */
  flush(): void {
    for (const id of [...this.active.keys()]) this.finish(id, 'flush');
  }

  /** Stops the timers without reporting presses in progress. */
  close(): void {
    for (const press of this.active.values()) clearTimeout(press.timer);
    this.active.clear();
  }

  /** A newer press from the same source means older ones are over, even if their end packets were lost. */
  private supersede(ssrc: number, timestamp: number): void {
    for (const [id, press] of this.active) {
      if (press.ssrc === ssrc && isOlder(press.timestamp, timestamp)) this.finish(id, 'next-event');
    }
  }

  private timeout(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.finish(id, 'timeout'), this.endTimeoutMs);
    timer.unref();
    return timer;
  }

  private finish(id: string, endedBy: DtmfDigit['endedBy']): void {
    const press = this.active.get(id);
    if (!press) return;
    clearTimeout(press.timer);
    this.active.delete(id);
    this.finished.add(id);
    if (this.finished.size > memory) {
      const oldest = this.finished.values().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
    const durationMs = Math.round((press.duration * 1000) / this.clockRate);
    this.emit('dtmf', { key: press.key, durationMs, timestamp: press.timestamp, ssrc: press.ssrc, endedBy });
  }
}

/** RFC 1982 serial comparison of 32-bit timestamps: whether `a` comes before `b`. */
function isOlder(a: number, b: number): boolean {
  const diff = (b - a) >>> 0;
  return diff !== 0 && diff < 0x80000000;
}
