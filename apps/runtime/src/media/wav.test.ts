import { describe, expect, it } from 'vitest';
import { readWav, resample, writeWav } from './wav';

const tone = (hz: number, rate: number, seconds: number, amplitude = 10_000) =>
  Int16Array.from({ length: Math.round(rate * seconds) }, (_, i) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate)),
  );

/** Root mean square over the middle of the signal (the edges see the filter's start-up). */
function rms(samples: Int16Array): number {
  const middle = samples.subarray(200, samples.length - 200);
  return Math.sqrt(middle.reduce((sum, s) => sum + s * s, 0) / middle.length);
}

describe('WAV and resampling', () => {
  it('espeak-ng speech at 22050 Hz becomes 16 kHz with the same length and loudness', () => {
    const speech = { sampleRate: 22_050, samples: tone(1_000, 22_050, 1) };
    const out = resample(speech, 16_000);
    expect(out.sampleRate).toBe(16_000);
    expect(out.samples.length).toBe(16_000);
    expect(rms(out.samples) / rms(speech.samples)).toBeCloseTo(1, 1);
    // Still 1 kHz: about 2000 zero crossings a second.
    let crossings = 0;
    for (let i = 1; i < out.samples.length; i++)
      if (out.samples[i - 1]! < 0 !== out.samples[i]! < 0) crossings += 1;
    expect(crossings).toBeGreaterThan(1_990);
    expect(crossings).toBeLessThan(2_010);
  });

  it('a tone above 8 kHz does not fold back into the phone band', () => {
    const out = resample({ sampleRate: 22_050, samples: tone(10_000, 22_050, 0.5) }, 16_000);
    expect(rms(out.samples)).toBeLessThan(0.02 * 10_000);
  });

  it('reads a WAV whose data size says "until the end", as espeak-ng writes to stdout', () => {
    const wav = writeWav({ sampleRate: 22_050, samples: tone(440, 22_050, 0.1) });
    wav.writeUInt32LE(0x7ffff000, 40);
    wav.writeUInt32LE(0x7ffff024, 4);
    const read = readWav(wav);
    expect(read.sampleRate).toBe(22_050);
    expect(read.samples.length).toBe(2_205);
  });
});
