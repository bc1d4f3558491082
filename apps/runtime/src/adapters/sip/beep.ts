import { encodeG711, type G711 } from '@parley/rtp';

const cache = new Map<G711, Buffer>();

/** The tone before a voicemail message: 1 kHz for 400 ms at about −12 dBFS, with 10 ms fades (no clicks). */
export function beep(codec: G711): Buffer {
  const cached = cache.get(codec);
  if (cached) return cached;
  const rate = 8000;
  const samples = new Int16Array(rate * 0.4);
  const fade = rate * 0.01;
  for (let i = 0; i < samples.length; i++) {
    const envelope = Math.min(1, i / fade, (samples.length - 1 - i) / fade);
    samples[i] = Math.round(8200 * envelope * Math.sin((2 * Math.PI * 1000 * i) / rate));
  }
  const encoded = encodeG711(samples, codec);
  cache.set(codec, encoded);
  return encoded;
}
