/** 16-bit PCM audio, one channel. */
export interface Pcm16 {
  sampleRate: number;
  samples: Int16Array;
}

/** The bytes are not a WAV file this module reads (RIFF/WAVE, PCM, 16-bit, mono). */
export class WavFormatError extends Error {
  override name = 'WavFormatError';
}

/**
 * Reads a mono 16-bit PCM WAV. A `data` size larger than the file is taken as "until the end": espeak-ng
 * writes 0x7ffff000 there when it streams to stdout.
 */
export function readWav(bytes: Buffer): Pcm16 {
  if (
    bytes.length < 12 ||
    bytes.toString('ascii', 0, 4) !== 'RIFF' ||
    bytes.toString('ascii', 8, 12) !== 'WAVE'
  )
    throw new WavFormatError('not a RIFF/WAVE file');
  let offset = 12;
  let format: { channels: number; sampleRate: number; bits: number; tag: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const start = offset + 8;
    if (id === 'fmt ') {
      format = {
        tag: bytes.readUInt16LE(start),
        channels: bytes.readUInt16LE(start + 2),
        sampleRate: bytes.readUInt32LE(start + 4),
        bits: bytes.readUInt16LE(start + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('the data chunk comes before the fmt chunk');
      if (format.tag !== 1 || format.bits !== 16 || format.channels !== 1)
        throw new WavFormatError(
          `expected PCM 16-bit mono, got format ${format.tag}, ${format.bits}-bit, ${format.channels} channels`,
        );
      const end = Math.min(bytes.length, start + size);
      const count = Math.floor((end - start) / 2);
      const samples = new Int16Array(count);
      for (let i = 0; i < count; i++) samples[i] = bytes.readInt16LE(start + i * 2);
      return { sampleRate: format.sampleRate, samples };
    }
    offset = start + size + (size % 2);
  }
  throw new WavFormatError('no data chunk');
}

/** A canonical 44-byte-header WAV of mono 16-bit PCM. */
export function writeWav({ sampleRate, samples }: Pcm16): Buffer {
  const dataBytes = samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28); // byte rate
  out.writeUInt16LE(2, 32); // block align
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i]!, 44 + i * 2);
  return out;
}

/** Taps on each side of the interpolation point; 16 keeps the passband flat to well past 3.4 kHz speech. */
const HALF_WIDTH = 16;

/**
 * Band-limited resampling: windowed-sinc interpolation (Blackman window) with the cutoff at the lower of the
 * two Nyquist frequencies, so going down (22.05 → 16 kHz) does not alias.
 */
export function resample(input: Pcm16, sampleRate: number): Pcm16 {
  if (input.sampleRate === sampleRate) return { sampleRate, samples: input.samples.slice() };
  const ratio = input.sampleRate / sampleRate;
  // Cutoff as a fraction of the input rate's Nyquist frequency, a little under it for the transition band.
  const cutoff = Math.min(1, 1 / ratio) * 0.95;
  const x = input.samples;
  const length = Math.floor(x.length / ratio);
  const out = new Int16Array(length);
  const reach = Math.ceil(HALF_WIDTH / cutoff);
  for (let n = 0; n < length; n++) {
    const t = n * ratio;
    const center = Math.floor(t);
    let sum = 0;
    let weights = 0;
    for (let i = center - reach + 1; i <= center + reach; i++) {
      const d = t - i;
      const w = cutoff * sinc(cutoff * d) * blackman(d / reach);
      weights += w;
      if (i >= 0 && i < x.length) sum += x[i]! * w;
    }
    // Normalizing by the weights keeps DC gain exactly 1 whatever the fractional position.
    out[n] = Math.max(-32768, Math.min(32767, Math.round(sum / weights)));
  }
  return { sampleRate, samples: out };
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Blackman window over u ∈ [-1, 1]. */
function blackman(u: number): number {
  if (u <= -1 || u >= 1) return 0;
  const a = Math.PI * (u + 1);
  return 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
}
