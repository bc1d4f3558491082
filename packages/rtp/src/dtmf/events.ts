import { RtpParseError } from '../errors';

/** A key of the telephone keypad, including the four column keys A-D. */
export type DtmfKey =
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | '*'
  | '#'
  | 'A'
  | 'B'
  | 'C'
  | 'D';

// RFC 4733 §3.2: events 0-9 are the digits, 10 is *, 11 is #, 12-15 are A-D.
const keys: readonly DtmfKey[] = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '*',
  '#',
  'A',
  'B',
  'C',
  'D',
];

/** The keypad key an RFC 4733 event code stands for, or undefined for other events (flash, tones). */
export function keyForEvent(event: number): DtmfKey | undefined {
  return keys[event];
}

/** The RFC 4733 event code of a keypad key. */
export function eventForKey(key: DtmfKey): number {
  return keys.indexOf(key);
}

/** Whether a string is one keypad key. */
export function isDtmfKey(value: string): value is DtmfKey {
  return (keys as readonly string[]).includes(value);
}

/** The payload of one telephone-event packet (RFC 4733 §2.3). */
export interface TelephoneEvent {
  event: number;
  /** E bit: this packet ends the event. */
  end: boolean;
  /** Power level in -dBm0 (0-63). */
  volume: number;
  /** Duration so far, in timestamp units (1/8000 s for 8 kHz). */
  duration: number;
}

/** Reads a telephone-event payload; throws `RtpParseError` if it is shorter than 4 bytes. */
export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent {
  if (payload.length < 4) {
    throw new RtpParseError(
      'bad-telephone-event',
      `telephone-event payload of ${payload.length} bytes, needs 4`,
    );
  }
  const flags = payload[1] as number;
  return {
    event: payload[0] as number,
    end: (flags & 0x80) !== 0,
    volume: flags & 0x3f,
    duration: ((payload[2] as number) << 8) | (payload[3] as number),
  };
}

/** Writes a telephone-event payload (4 bytes; the reserved bit is zero). */
export function serializeTelephoneEvent(event: TelephoneEvent): Buffer {
  const out = Buffer.alloc(4);
  out[0] = event.event;
  out[1] = (event.end ? 0x80 : 0) | (event.volume & 0x3f);
  out.writeUInt16BE(Math.min(0xffff, event.duration), 2);
  return out;
}
