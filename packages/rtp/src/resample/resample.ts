import { kernelResolution, kernelTable, kernelZeroCrossings } from './kernel';

/** Fraction of the output Nyquist frequency the low-pass keeps (3.68 kHz for 8 kHz output). */
const rolloff = 0.92;

/**
 * Converts a mono signal between sample rates with a windowed-sinc low-pass (any ratio, not just integers):
 * each output sample is the input convolved with the kernel centred on its exact position, so there is no
 * accumulated phase error and content above the new Nyquist frequency is removed rather than folded back.
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const ratio = toRate / fromRate;
  const cutoff = Math.min(1, ratio) * rolloff; // relative to the input Nyquist frequency
  const halfWidth = kernelZeroCrossings / cutoff; // in input samples
  const out = new Float32Array(Math.round(input.length * ratio));
  const last = input.length - 1;
  for (let n = 0; n < out.length; n++) {
    const centre = n / ratio;
    const first = Math.max(0, Math.ceil(centre - halfWidth));
    const end = Math.min(last, Math.floor(centre + halfWidth));
    let sum = 0;
    for (let k = first; k <= end; k++) {
      const position = Math.abs(centre - k) * cutoff * kernelResolution;
      const index = Math.floor(position);
      const fraction = position - index;
      const a = kernelTable[index] ?? 0;
      const b = kernelTable[index + 1] ?? 0;
      sum += (input[k] as number) * (a + (b - a) * fraction);
    }
    out[n] = sum * cutoff;
  }
  return out;
}

/** Rounds float samples in [-1, 1) to 16-bit integers, clipping what overshoots. */
export function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    out[i] = Math.min(32767, Math.max(-32768, Math.round((samples[i] as number) * 32768)));
  }
  return out;
}
