import { describe, expect, it } from 'vitest';
import { alawToLinear, linearToAlaw } from './alaw';
import { decodeG711, encodeG711 } from './codec';
import { linearToUlaw, ulawToLinear } from './ulaw';

const allCodes = Array.from({ length: 256 }, (_, code) => code);

describe('μ-law (PCMU) as the G.711 tables give it', () => {
  it('decodes the table anchors: zero, the first steps, the segment ends and full scale', () => {
    // G.711 table 2a in 14-bit units, times 4 for 16-bit PCM.
    expect(ulawToLinear(0xff)).toBe(0);
    expect(ulawToLinear(0x7f)).toBe(0); // negative zero
    expect(ulawToLinear(0xfe)).toBe(2 * 4);
    expect(ulawToLinear(0xf0)).toBe(30 * 4);
    expect(ulawToLinear(0xef)).toBe(33 * 4);
    expect(ulawToLinear(0xdf)).toBe(99 * 4);
    expect(ulawToLinear(0x80)).toBe(8031 * 4);
    expect(ulawToLinear(0x00)).toBe(-8031 * 4);
    expect(ulawToLinear(0x7e)).toBe(-2 * 4);
  });

  it('encodes across the decision values: 0→0xFF, the 0/2 boundary at 1 (×4), clipping at full scale', () => {
    expect(linearToUlaw(0)).toBe(0xff);
    expect(linearToUlaw(3)).toBe(0xff);
    expect(linearToUlaw(4)).toBe(0xfe);
    expect(linearToUlaw(-1)).toBe(0x7f);
    expect(linearToUlaw(-5)).toBe(0x7e);
    expect(linearToUlaw(32767)).toBe(0x80);
    expect(linearToUlaw(-32768)).toBe(0x00);
    expect(linearToUlaw(1000)).toBe(0xce);
    expect(linearToUlaw(-1000)).toBe(0x4e);
  });

  it('re-encodes every decoded code to itself (negative zero becomes zero)', () => {
    for (const code of allCodes) expect(linearToUlaw(ulawToLinear(code))).toBe(code === 0x7f ? 0xff : code);
  });
});

describe('A-law (PCMA) as the G.711 tables give it', () => {
  it('decodes the table anchors (13-bit units times 8), even bits inverted on the wire', () => {
    expect(alawToLinear(0xd5)).toBe(1 * 8);
    expect(alawToLinear(0x55)).toBe(-1 * 8);
    expect(alawToLinear(0xd4)).toBe(3 * 8);
    expect(alawToLinear(0xc5)).toBe(33 * 8);
    expect(alawToLinear(0xaa)).toBe(4032 * 8);
    expect(alawToLinear(0x2a)).toBe(-4032 * 8);
  });

  it('encodes zero to 0xD5 and full scale to 0xAA / 0x2A', () => {
    expect(linearToAlaw(0)).toBe(0xd5);
    expect(linearToAlaw(-1)).toBe(0x55);
    expect(linearToAlaw(15)).toBe(0xd5);
    expect(linearToAlaw(16)).toBe(0xd4);
    expect(linearToAlaw(32767)).toBe(0xaa);
    expect(linearToAlaw(-32768)).toBe(0x2a);
  });

  it('re-encodes every decoded code to itself', () => {
    for (const code of allCodes) expect(linearToAlaw(alawToLinear(code))).toBe(code);
  });
});

describe('encoding a whole signal', () => {
  const tone = Int16Array.from({ length: 8000 }, (_, i) =>
    Math.round(10000 * Math.sin((2 * Math.PI * 1000 * i) / 8000)),
  );

  it.each(['PCMU', 'PCMA'] as const)('%s is monotonic and keeps a 1 kHz tone above 35 dB SNR', (codec) => {
    const ramp = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
    const decoded = decodeG711(encodeG711(ramp, codec), codec);
    const descents = decoded.filter((sample, i) => i > 0 && sample < (decoded[i - 1] as number));
    expect(descents).toHaveLength(0);

    const back = decodeG711(encodeG711(tone, codec), codec);
    let signal = 0;
    let noise = 0;
    tone.forEach((sample, i) => {
      signal += sample * sample;
      noise += (sample - (back[i] as number)) ** 2;
    });
    expect(10 * Math.log10(signal / noise)).toBeGreaterThan(35);
  });
});
