import { encodeG711, type G711 } from '../g711/codec';
import { toInt16 } from '../resample/resample';

/** Sample rate of the loop: G.711's, so it is synthesized directly with nothing to resample. */
const rate = 8000;
/** Seconds each chord lasts; four chords make the loop. */
const chordSeconds = 6;
/** Arpeggio notes per chord: eighth notes at 80 beats per minute. */
const notesPerChord = 16;
/** RMS level of the loop: −20 dBFS, a little under speech prompts so it does not startle. */
const targetRms = 10 ** (-20 / 20);

/**
 * I–vi–IV–V in C as MIDI notes, voiced between A3 and B4: the telephone band (300–3400 Hz) keeps the pad's
 * upper notes and the whole arpeggio an octave up.
 */
const chords: readonly (readonly number[])[] = [
  [60, 64, 67, 71], // Cmaj7
  [57, 64, 67, 72], // Am7
  [57, 60, 65, 69], // F
  [59, 62, 67, 71], // G
];
/** Which chord tone each arpeggio step plays: up and down through the chord, an octave up. */
const arpeggio = [0, 1, 2, 3, 2, 1, 2, 3, 0, 2, 1, 3, 2, 1, 0, 1];

/** The loop's length in seconds (24 s: 1200 packets of 20 ms). */
export const musicOnHoldSeconds = chords.length * chordSeconds;

const memo = new Map<G711, Uint8Array>();
let loop: Float32Array | undefined;

/**
 * Music for callers waiting in a queue: a 24 s loop of soft chords under a slow arpeggio at −20 dBFS, as
 * G.711 to play over and over. It is synthesized in code (no audio file to license or ship) with every
 * note's tail wrapped round to the start, so the loop point is as smooth as any other moment.
 */
export function musicOnHold(codec: G711): Uint8Array {
  let payload = memo.get(codec);
  if (!payload) {
    loop ??= synthesize();
    payload = encodeG711(toInt16(loop), codec);
    memo.set(codec, payload);
  }
  return payload;
}

function synthesize(): Float32Array {
  const out = new Float32Array(musicOnHoldSeconds * rate);
  chords.forEach((chord, index) => {
    const start = index * chordSeconds;
    // Pads overlap their neighbours by a second each side and cross-fade into them.
    for (const note of chord) addNote(out, start - 1, chordSeconds + 2, note, pad);
    for (let step = 0; step < notesPerChord; step++) {
      const tone = chord[arpeggio[step] as number] as number;
      addNote(out, start + (step * chordSeconds) / notesPerChord, 2.4, tone + 12, pluck);
    }
  });
  let energy = 0;
  for (const sample of out) energy += sample * sample;
  const gain = targetRms / Math.sqrt(energy / out.length);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * gain;
  return out;
}

interface Voice {
  /** Relative loudness before the loop is normalized. */
  level: number;
  /** Amplitude envelope over the note's duration (seconds since onset → 0..1). */
  envelope: (t: number, duration: number) => number;
  /** Harmonics as [multiple of the fundamental, relative amplitude]. */
  partials: readonly (readonly [number, number])[];
}

/** A slow-swelling organ-like chord tone. */
const pad: Voice = {
  level: 0.22,
  envelope: (t, duration) => {
    const fade = 1.5;
    const edge = Math.min(t, duration - t);
    return edge >= fade ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * Math.max(0, edge)) / fade);
  },
  partials: [
    [1, 1],
    [2, 0.25],
    [3, 0.08],
  ],
};

/** A soft mallet: 15 ms attack, then a decay of about half a second, faded to nothing at the end. */
const pluck: Voice = {
  level: 0.5,
  envelope: (t, duration) => {
    const attack = Math.min(1, t / 0.015);
    const tail = Math.min(1, (duration - t) / 0.3);
    return attack * Math.exp(-t / 0.55) * Math.max(0, tail);
  },
  partials: [
    [1, 1],
    [2, 0.18],
    [4, 0.04],
  ],
};

/** Adds one note to the loop; what falls past either end wraps round, so the loop has no seam. */
function addNote(out: Float32Array, onset: number, duration: number, midi: number, voice: Voice): void {
  const frequency = 440 * 2 ** ((midi - 69) / 12);
  const first = Math.round(onset * rate);
  const length = Math.round(duration * rate);
  const note = new Float64Array(length);
  for (const [multiple, amplitude] of voice.partials) {
    // A harmonic past the telephone band would only fold back as a sour tone.
    if (frequency * multiple >= 3400) continue;
    // sin(nω) by the two-term recurrence: one multiply per sample instead of a Math.sin.
    const step = (2 * Math.PI * frequency * multiple) / rate;
    const k = 2 * Math.cos(step);
    let previous = -Math.sin(step);
    let current = 0;
    for (let n = 0; n < length; n++) {
      note[n] = (note[n] as number) + amplitude * current;
      const next = k * current - previous;
      previous = current;
      current = next;
    }
  }
  for (let n = 0; n < length; n++) {
    const at = (((first + n) % out.length) + out.length) % out.length;
    out[at] = (out[at] as number) + voice.level * voice.envelope(n / rate, duration) * (note[n] as number);
  }
}
