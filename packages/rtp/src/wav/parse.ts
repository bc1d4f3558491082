import { WavFormatError } from '../errors';

/** Decoded PCM audio: one Float32Array per channel, samples in [-1, 1). */
export interface PcmAudio {
  sampleRate: number;
  channels: Float32Array[];
}

const formatPcm = 1;
const formatExtensible = 0xfffe;

/**
 * Reads a RIFF/WAVE file of 8-bit (unsigned) or 16-bit (signed) integer PCM, any channel count.
 * Tolerates what real encoders write: odd-sized chunks with a pad byte, extra chunks (LIST, fact) in any
 * order, WAVE_FORMAT_EXTENSIBLE with the PCM sub-format, and a data size past the end of a streamed file.
 */
export function parseWav(file: Uint8Array): PcmAudio {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (
    bytes.length < 12 ||
    bytes.toString('latin1', 0, 4) !== 'RIFF' ||
    bytes.toString('latin1', 8, 12) !== 'WAVE'
  ) {
    throw new WavFormatError('not-riff-wave', 'not a RIFF/WAVE file');
  }
  let format:
    | { tag: number; channels: number; sampleRate: number; bits: number; blockAlign: number }
    | undefined;
  let data: Buffer | undefined;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = bytes.subarray(offset + 8, Math.min(bytes.length, offset + 8 + size));
    if (id === 'fmt ') {
      if (body.length < 16) throw new WavFormatError('unsupported-format', 'fmt chunk shorter than 16 bytes');
      let tag = body.readUInt16LE(0);
      if (tag === formatExtensible && body.length >= 26) tag = body.readUInt16LE(24);
      format = {
        tag,
        channels: body.readUInt16LE(2),
        sampleRate: body.readUInt32LE(4),
        blockAlign: body.readUInt16LE(12),
        bits: body.readUInt16LE(14),
      };
    } else if (id === 'data') {
      data = body;
      break;
    }
    offset += 8 + size + (size % 2);
  }
  if (!format) throw new WavFormatError('missing-fmt', 'no fmt chunk before the data');
  if (!data) throw new WavFormatError('missing-data', 'no data chunk');
  const { tag, channels, sampleRate, bits } = format;
  if (tag !== formatPcm)
    throw new WavFormatError('unsupported-format', `format tag ${tag} is not integer PCM`);
  if (bits !== 8 && bits !== 16)
    throw new WavFormatError('unsupported-format', `${bits}-bit samples (8 or 16 only)`);
  if (channels < 1 || sampleRate < 1)
    throw new WavFormatError('unsupported-format', 'no channels or no sample rate');
  const bytesPerSample = bits / 8;
  const blockAlign = Math.max(format.blockAlign, channels * bytesPerSample);
  const frames = Math.floor(data.length / blockAlign);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let frame = 0; frame < frames; frame++) {
    for (let channel = 0; channel < channels; channel++) {
      const at = frame * blockAlign + channel * bytesPerSample;
      const sample = bits === 16 ? data.readInt16LE(at) / 32768 : ((data[at] as number) - 128) / 128;
      (out[channel] as Float32Array)[frame] = sample;
    }
  }
  return { sampleRate, channels: out };
}

/** Averages all channels into one (stereo → mono). */
export function downmix(audio: PcmAudio): Float32Array {
  const [first, ...rest] = audio.channels;
  if (!first) return new Float32Array(0);
  if (rest.length === 0) return first;
  const mono = new Float32Array(first.length);
  const scale = 1 / audio.channels.length;
  for (const channel of audio.channels) {
    for (let i = 0; i < mono.length; i++) mono[i] = (mono[i] as number) + (channel[i] as number) * scale;
  }
  return mono;
}
