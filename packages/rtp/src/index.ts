export {
  type DtmfKey,
  eventForKey,
  isDtmfKey,
  keyForEvent,
  parseTelephoneEvent,
  serializeTelephoneEvent,
  type TelephoneEvent,
} from './dtmf/events.js';
export {
  type DtmfDigit,
  type DtmfPress,
  DtmfReceiver,
  type DtmfReceiverEvents,
  type DtmfReceiverOptions,
} from './dtmf/receiver.js';
export {
  type KeyPressOptions,
  type PlannedEventPacket,
  planKeyPress,
  planKeySequence,
} from './dtmf/sender.js';
export {
  PromptRenderError,
  RtpParseError,
  type RtpParseReason,
  RtpSessionError,
  type RtpSessionReason,
  WavFormatError,
  type WavFormatReason,
} from './errors.js';
export { alawToLinear, linearToAlaw } from './g711/alaw.js';
export {
  decodeG711,
  encodeG711,
  type G711,
  g711Extension,
  g711PayloadType,
  g711Silence,
} from './g711/codec.js';
export { linearToUlaw, ulawToLinear } from './g711/ulaw.js';
export {
  isRtcp,
  parseRtpPacket,
  type RtpExtension,
  type RtpPacket,
  serializeRtpPacket,
} from './packet/packet.js';
export { PromptCache, type PromptRequest, promptKey, type RenderedPrompt } from './prompt/cache.js';
export { espeakSynthesizer, type SpeechRequest, type Synthesizer } from './prompt/espeak.js';
export { renderPromptG711, telephonyRate, wavToTelephonyPcm } from './prompt/render.js';
export { recordVoicemail } from './record/record-session.js';
export {
  type Recording,
  type RecordingEnd,
  type RecordingOptions,
  VoicemailRecorder,
} from './record/recorder.js';
export { resample, toInt16 } from './resample/resample.js';
export { type PaceOptions, type PaceResult, pace } from './session/pacer.js';
export {
  type PlayResult,
  type RtpAddress,
  RtpSession,
  type RtpSessionEvents,
  type RtpSessionOptions,
  type RtpStats,
  samplesPerPacket,
} from './session/session.js';
export { bindRtpSocket, type RtpBindOptions } from './session/socket.js';
export { downmix, type PcmAudio, parseWav } from './wav/parse.js';
export { writeWav } from './wav/write.js';
