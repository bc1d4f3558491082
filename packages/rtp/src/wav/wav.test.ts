import { describe, expect, it } from 'vitest';
import { WavFormatError } from '../errors';
import { downmix, parseWav } from './parse';
import { writeWav } from './write';

/** Builds a WAV by hand, the way other encoders lay it out. */
function wav(options: {
  rate: number;
  channels: number;
  bits: 8 | 16;
  frames: number[][];
  extraChunk?: boolean;
}) {
  const { rate, channels, bits } = options;
  const bytesPerSample = bits / 8;
  const data = Buffer.alloc(options.frames.length * channels * bytesPerSample);
  options.frames.forEach((frame, f) => {
    frame.forEach((sample, c) => {
      const at = (f * channels + c) * bytesPerSample;
      if (bits === 16) data.writeInt16LE(sample, at);
      else data[at] = sample;
    });
  });
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(channels, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * channels * bytesPerSample, 8);
  fmt.writeUInt16LE(channels * bytesPerSample, 12);
  fmt.writeUInt16LE(bits, 14);
  const chunk = (id: string, body: Buffer) => {
    const header = Buffer.alloc(8);
    header.write(id, 0, 'latin1');
    header.writeUInt32LE(body.length, 4);
    return Buffer.concat([header, body, Buffer.alloc(body.length % 2)]);
  };
  const chunks = [
    chunk('fmt ', fmt),
    ...(options.extraChunk ? [chunk('LIST', Buffer.from('INFOabc'))] : []),
    chunk('data', data),
  ];
  const body = Buffer.concat([Buffer.from('WAVE'), ...chunks]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('reading prompt WAV files', () => {
  it('reads 16-bit stereo at 44.1 kHz past an odd-sized LIST chunk, and averages it to mono', () => {
    const file = wav({
      rate: 44100,
      channels: 2,
      bits: 16,
      frames: [
        [16384, 0],
        [-32768, -16384],
      ],
      extraChunk: true,
    });
    const audio = parseWav(file);
    expect(audio.sampleRate).toBe(44100);
    expect(audio.channels).toHaveLength(2);
    expect([...downmix(audio)]).toEqual([0.25, -0.75]);
  });

  it('reads unsigned 8-bit mono (128 is silence)', () => {
    const audio = parseWav(wav({ rate: 8000, channels: 1, bits: 8, frames: [[128], [255], [0]] }));
    expect([...(audio.channels[0] ?? [])]).toEqual([0, 127 / 128, -1]);
  });

  it('reads a streamed file whose data size runs past the end of the file', () => {
    const file = wav({ rate: 22050, channels: 1, bits: 16, frames: [[1], [2], [3]] });
    file.writeUInt32LE(0xffffffff, file.length - 10);
    expect(parseWav(file).channels[0]).toHaveLength(3);
  });

  it('round-trips what writeWav writes: 8 kHz 16-bit mono', () => {
    const pcm = Int16Array.from([0, 1, -1, 32767, -32768]);
    const audio = parseWav(writeWav(pcm, 8000));
    expect(audio.sampleRate).toBe(8000);
    expect(Array.from(audio.channels[0] ?? [], (s) => s * 32768)).toEqual([...pcm]);
  });

  it('refuses what it cannot play, saying why', () => {
    expect(() => parseWav(Buffer.from('not a wave file at all'))).toThrow(WavFormatError);
    const float = wav({ rate: 8000, channels: 1, bits: 16, frames: [[0]] });
    float.writeUInt16LE(3, 20); // IEEE float
    expect(() => parseWav(float)).toThrow(expect.objectContaining({ reason: 'unsupported-format' }));
    const noData = wav({ rate: 8000, channels: 1, bits: 16, frames: [] }).subarray(0, 36);
    expect(() => parseWav(noData)).toThrow(expect.objectContaining({ reason: 'missing-data' }));
  });
});
