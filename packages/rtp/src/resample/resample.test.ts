import { describe, expect, it } from 'vitest';
import { resample } from './resample';

const tone = (frequency: number, rate: number, seconds: number, amplitude = 0.5) =>
  Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / rate),
  );

/** Frequency from rising zero crossings, away from the filter's edge effects. */
function frequencyOf(signal: Float32Array, rate: number): number {
  const margin = Math.round(rate * 0.05);
  let crossings = 0;
  let first = -1;
  let last = -1;
  for (let i = margin + 1; i < signal.length - margin; i++) {
    if ((signal[i - 1] as number) < 0 && (signal[i] as number) >= 0) {
      if (first < 0) first = i;
      else crossings++;
      last = i;
    }
  }
  return (crossings * rate) / (last - first);
}

function rms(signal: Float32Array, skip = 0): number {
  let sum = 0;
  for (let i = skip; i < signal.length - skip; i++) sum += (signal[i] as number) ** 2;
  return Math.sqrt(sum / (signal.length - 2 * skip));
}

describe('resampling prompts to 8 kHz', () => {
  it('keeps the duration: 1.5 s of espeak-ng 22050 Hz audio becomes 12000 samples', () => {
    const out = resample(tone(440, 22050, 1.5), 22050, 8000);
    expect(Math.abs(out.length - 12000)).toBeLessThanOrEqual(1);
  });

  it.each([16000, 22050, 44100, 48000])('keeps a 1 kHz tone at 1 kHz and its level, from %i Hz', (rate) => {
    const out = resample(tone(1000, rate, 1), rate, 8000);
    expect(out.length).toBe(8000);
    expect(frequencyOf(out, 8000)).toBeCloseTo(1000, 0);
    expect(rms(out, 400)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('removes what 8 kHz cannot carry instead of folding it back: 6 kHz at 48 kHz comes out near silent', () => {
    const out = resample(tone(6000, 48000, 1), 48000, 8000);
    expect(rms(out, 400)).toBeLessThan(0.001); // below -60 dB of the input's 0.35
  });

  it('passes 8 kHz input through untouched', () => {
    const input = tone(1000, 8000, 0.1);
    expect(resample(input, 8000, 8000)).toEqual(input);
  });
});
