import type { DtmfKey } from '../dtmf/events';
import { decodeG711, type G711 } from '../g711/codec';
import type { RtpPacket } from '../packet/packet';
import { writeWav } from '../wav/write';

/** When a recording stops. */
export interface RecordingOptions {
  codec: G711;
  /** Longest message kept (default 120 s); audio beyond it is cut. */
  maxSeconds?: number;
  /** This much continuous silence ends the message (default 5 s). */
  silenceSeconds?: number;
  /** A 20 ms frame quieter than this RMS level counts as silence (default -40 dBFS). */
  silenceThresholdDbfs?: number;
  /** The key that ends the message (default `#`; null: keys do not end it). */
  endKey?: DtmfKey | null;
  /** Trailing silence kept when silence ends the message (default 500 ms). */
  keepSilenceMs?: number;
}

/** Why a recording ended. */
export type RecordingEnd = 'key' | 'silence' | 'max-length' | 'stopped';

/** A finished recording: 8 kHz 16-bit mono WAV. */
export interface Recording {
  wav: Buffer;
  durationMs: number;
  endedBy: RecordingEnd;
}

const rate = 8000;
/** Timestamp jumps up to this long are filled with silence (a sender pausing in silence, lost packets). */
const maxGapSamples = 2 * rate;

/**
 * Collects a caller's G.711 packets into a message, in timestamp order: duplicates and late packets are
 * dropped and timestamp gaps (lost packets, a sender's silence suppression) become silence. It decides when
 * the message is over (key, silence, length); `recordVoicemail` wires it to a session and the clock.
 */
export class VoicemailRecorder {
  private readonly chunks: Int16Array[] = [];
  private samples = 0;
  private silentRun = 0;
  private next: number | undefined;
  private ended: Recording | undefined;
  private readonly maxSamples: number;
  private readonly silenceSamples: number;
  private readonly threshold: number;

  constructor(private readonly options: RecordingOptions) {
    this.maxSamples = Math.round((options.maxSeconds ?? 120) * rate);
    this.silenceSamples = Math.round((options.silenceSeconds ?? 5) * rate);
    this.threshold = 32768 * 10 ** ((options.silenceThresholdDbfs ?? -40) / 20);
  }

  /** The finished recording, once an end condition was met or `finish` was called. */
  get recording(): Recording | undefined {
    return this.ended;
  }

  /** Adds one audio packet; returns the recording when this packet ended it. */
  pushAudio(packet: RtpPacket): Recording | undefined {
    if (this.ended) return undefined;
    const pcm = decodeG711(packet.payload, this.options.codec);
    if (this.next !== undefined) {
      const ahead = (packet.timestamp - this.next) | 0; // signed distance, safe across the 32-bit wrap
      if (ahead < 0) return undefined;
      if (ahead > 0 && ahead <= maxGapSamples && this.append(new Int16Array(ahead))) return this.ended;
    }
    this.next = (packet.timestamp + pcm.length) >>> 0;
    this.append(pcm);
    return this.ended;
  }

  /** Reports a key press; returns the recording when it was the end key. */
  pushKey(key: DtmfKey): Recording | undefined {
    if (this.ended || key !== (this.options.endKey === undefined ? '#' : this.options.endKey))
      return undefined;
    return this.finish('key');
  }

  /** Ends the recording now (idempotent: the first end wins). */
  finish(endedBy: RecordingEnd): Recording {
    if (this.ended) return this.ended;
    let length = this.samples;
    if (endedBy === 'silence') {
      const keep = Math.round(((this.options.keepSilenceMs ?? 500) * rate) / 1000);
      length = Math.max(0, this.samples - Math.max(0, this.silentRun - keep));
    }
    const pcm = new Int16Array(length);
    let offset = 0;
    for (const chunk of this.chunks) {
      if (offset >= length) break;
      const part = chunk.subarray(0, length - offset);
      pcm.set(part, offset);
      offset += part.length;
    }
    this.ended = { wav: writeWav(pcm, rate), durationMs: Math.round((length * 1000) / rate), endedBy };
    return this.ended;
  }

  /** Appends samples (cut at the maximum length), tracks silence; true when the recording ended. */
  private append(pcm: Int16Array): boolean {
    const room = this.maxSamples - this.samples;
    const kept = pcm.length > room ? pcm.subarray(0, room) : pcm;
    this.chunks.push(kept);
    this.samples += kept.length;
    this.silentRun = rms(kept) < this.threshold ? this.silentRun + kept.length : 0;
    if (this.silentRun >= this.silenceSamples) this.finish('silence');
    else if (this.samples >= this.maxSamples) this.finish('max-length');
    return this.ended !== undefined;
  }
}

function rms(pcm: Int16Array): number {
  if (pcm.length === 0) return 0;
  let sum = 0;
  for (const sample of pcm) sum += sample * sample;
  return Math.sqrt(sum / pcm.length);
}
