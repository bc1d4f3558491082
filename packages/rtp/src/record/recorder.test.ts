import { describe, expect, it } from 'vitest';
import { encodeG711 } from '../g711/codec';
import type { RtpPacket } from '../packet/packet';
import { parseWav } from '../wav/parse';
import { VoicemailRecorder } from './recorder';

const speech = Int16Array.from({ length: 160 }, (_, i) =>
  Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)),
);
const hush = new Int16Array(160);

/** One 20 ms packet of the caller's audio (PCMU), `index` packets into the stream. */
function frame(index: number, pcm: Int16Array = speech): RtpPacket {
  return {
    marker: index === 0,
    payloadType: 0,
    sequence: index,
    timestamp: 0xfffff000 + index * 160, // wraps the 32-bit timestamp on the way
    ssrc: 7,
    csrcs: [],
    payload: encodeG711(pcm, 'PCMU'),
    padding: 0,
  };
}

function samplesOf(wav: Buffer): number {
  const audio = parseWav(wav);
  expect(audio.sampleRate).toBe(8000);
  expect(audio.channels).toHaveLength(1);
  return audio.channels[0]?.length ?? 0;
}

describe('a caller leaving a voicemail', () => {
  it('speaks 1 s, presses # → the message is 1 s of 8 kHz 16-bit mono WAV', () => {
    const recorder = new VoicemailRecorder({ codec: 'PCMU' });
    for (let i = 0; i < 50; i++) expect(recorder.pushAudio(frame(i))).toBeUndefined();
    const recording = recorder.pushKey('#');
    expect(recording).toMatchObject({ endedBy: 'key', durationMs: 1000 });
    expect(samplesOf(recording?.wav ?? Buffer.alloc(0))).toBe(8000);
    expect(recorder.pushAudio(frame(50))).toBeUndefined();
  });

  it('ignores other keys, and # too when the end key is turned off', () => {
    expect(new VoicemailRecorder({ codec: 'PCMU' }).pushKey('5')).toBeUndefined();
    expect(new VoicemailRecorder({ codec: 'PCMU', endKey: null }).pushKey('#')).toBeUndefined();
  });

  it('speaks 0.4 s then stays silent → ends after 2 s of silence, keeping 0.5 s of it', () => {
    const recorder = new VoicemailRecorder({ codec: 'PCMU', silenceSeconds: 2 });
    let index = 0;
    for (; index < 20; index++) recorder.pushAudio(frame(index));
    let recording: ReturnType<typeof recorder.pushAudio>;
    while (!recording && index < 1000) recording = recorder.pushAudio(frame(index++, hush));
    expect(index).toBe(20 + 100);
    expect(recording).toMatchObject({ endedBy: 'silence', durationMs: 900 });
  });

  it('talks past the limit → the message is cut at the maximum length', () => {
    const recorder = new VoicemailRecorder({ codec: 'PCMU', maxSeconds: 1.01 });
    let recording: ReturnType<typeof recorder.pushAudio>;
    for (let i = 0; !recording && i < 100; i++) recording = recorder.pushAudio(frame(i));
    expect(recording).toMatchObject({ endedBy: 'max-length', durationMs: 1010 });
    expect(samplesOf(recording?.wav ?? Buffer.alloc(0))).toBe(8080);
  });

  it('drops duplicates and late packets, and fills lost packets with silence', () => {
    const recorder = new VoicemailRecorder({ codec: 'PCMU' });
    for (const i of [0, 1, 1, 3, 2, 4]) recorder.pushAudio(frame(i));
    const recording = recorder.finish('stopped');
    expect(recording.durationMs).toBe(100);
    const pcm = parseWav(recording.wav).channels[0] ?? new Float32Array();
    const lost = pcm.subarray(320, 480);
    expect(lost.every((s) => s === 0)).toBe(true);
    expect(pcm.subarray(480, 640).some((s) => s !== 0)).toBe(true);
  });
});
