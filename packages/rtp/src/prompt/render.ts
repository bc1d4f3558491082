import { encodeG711, type G711 } from '../g711/codec';
import { resample, toInt16 } from '../resample/resample';
import { downmix, parseWav } from '../wav/parse';

/** The sample rate of G.711 telephony audio. */
export const telephonyRate = 8000;

/** Converts any readable WAV (8/16-bit, mono/stereo, any rate) to 8 kHz mono 16-bit PCM. */
export function wavToTelephonyPcm(wav: Uint8Array): Int16Array {
  const audio = parseWav(wav);
  return toInt16(resample(downmix(audio), audio.sampleRate, telephonyRate));
}

/** Renders a WAV file to the G.711 payload bytes an `RtpSession` plays (8000 bytes per second). */
export function renderPromptG711(wav: Uint8Array, codec: G711): Buffer {
  return encodeG711(wavToTelephonyPcm(wav), codec);
}
