import type { DtmfPress } from '../dtmf/receiver';
import type { RtpPacket } from '../packet/packet';
import type { RtpSession } from '../session/session';
import { type Recording, type RecordingOptions, VoicemailRecorder } from './recorder';

/**
 * Records what the caller says on a session until the end key, silence or the maximum length; `signal`
 * stops it early (caller hung up) and still returns what was recorded. Silence is also measured on the
 * clock, because an SBC doing silence suppression may send no packets at all.
 */
export function recordVoicemail(
  session: RtpSession,
  options: RecordingOptions & { signal?: AbortSignal },
): Promise<Recording> {
  const recorder = new VoicemailRecorder(options);
  const silenceMs = (options.silenceSeconds ?? 5) * 1000;
  const maxMs = (options.maxSeconds ?? 120) * 1000;
  return new Promise((resolve) => {
    const done = (recording: Recording | undefined) => {
      if (!recording) return;
      clearTimeout(quiet);
      clearTimeout(limit);
      session.off('audio', onAudio);
      session.off('dtmf-start', onKey);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(recording);
    };
    const onAudio = (packet: RtpPacket) => {
      quiet.refresh();
      done(recorder.pushAudio(packet));
    };
    // The press's first packet ends the message: the caller should not wait for the key's release.
    const onKey = (press: DtmfPress) => done(recorder.pushKey(press.key));
    const onAbort = () => done(recorder.finish('stopped'));
    const quiet = setTimeout(() => done(recorder.finish('silence')), silenceMs);
    // A little slack past the maximum so audio that is still arriving ends it by length, not by the clock.
    const limit = setTimeout(() => done(recorder.finish('max-length')), maxMs + 1000);
    session.on('audio', onAudio);
    session.on('dtmf-start', onKey);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
