import { afterEach, describe, expect, it } from 'vitest';
import { encodeG711, parseWav, RtpSession, recordVoicemail } from '../src/index';

const sessions: RtpSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});

/** Parley's side and the caller's phone, wired to each other over loopback UDP. */
async function call() {
  const parley = await RtpSession.open({
    codec: 'PCMU',
    telephoneEventPayloadType: 101,
    bind: { address: '127.0.0.1' },
  });
  const phone = await RtpSession.open({
    codec: 'PCMU',
    telephoneEventPayloadType: 101,
    bind: { address: '127.0.0.1' },
    remote: parley.local,
  });
  parley.setRemote(phone.local);
  sessions.push(parley, phone);
  return { parley, phone };
}

const speech = (seconds: number) =>
  encodeG711(
    Int16Array.from({ length: seconds * 8000 }, (_, i) => Math.round(6000 * Math.sin(i / 3))),
    'PCMU',
  );

describe('a caller leaves a voicemail', () => {
  it('speaks for 0.6 s and presses # → a 0.6 s message, 8 kHz 16-bit mono WAV', async () => {
    const { parley, phone } = await call();
    const recording = recordVoicemail(parley, { codec: 'PCMU', maxSeconds: 10 });
    await phone.play(speech(0.6));
    await phone.sendDtmf('#', { durationMs: 40, intervalMs: 20 });
    const message = await recording;
    expect(message.endedBy).toBe('key');
    expect(Math.abs(message.durationMs - 600)).toBeLessThanOrEqual(20);
    const wav = parseWav(message.wav);
    expect(wav.sampleRate).toBe(8000);
    expect(wav.channels).toHaveLength(1);
    expect(message.wav.readUInt16LE(34)).toBe(16);
  });

  it('speaks, then the phone goes quiet (sends nothing) → ends after the silence time', async () => {
    const { parley, phone } = await call();
    const started = performance.now();
    const recording = recordVoicemail(parley, { codec: 'PCMU', silenceSeconds: 0.5 });
    await phone.play(speech(0.3));
    const message = await recording;
    expect(message.endedBy).toBe('silence');
    expect(Math.abs(message.durationMs - 300)).toBeLessThanOrEqual(20);
    expect(performance.now() - started).toBeLessThan(1200);
  });

  it('hangs up mid-message → what was said so far is kept', async () => {
    const { parley, phone } = await call();
    const hangup = new AbortController();
    const recording = recordVoicemail(parley, { codec: 'PCMU', signal: hangup.signal });
    await phone.play(speech(0.2));
    hangup.abort();
    expect(await recording).toMatchObject({ endedBy: 'stopped' });
  });
});
