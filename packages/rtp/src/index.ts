export {
  type DtmfKey,
  eventForKey,
  isDtmfKey,
  keyForEvent,
  parseTelephoneEvent,
  serializeTelephoneEvent,
  type TelephoneEvent,
} from './dtmf/events';
export {
  type DtmfDigit,
  type DtmfPress,
  DtmfReceiver,
  type DtmfReceiverEvents,
  type DtmfReceiverOptions,
} from './dtmf/receiver';
export {
  type KeyPressOptions,
  type PlannedEventPacket,
  planKeyPress,
  planKeySequence,
} from './dtmf/sender';
export {
  PromptRenderError,
  RtpParseError,
  type RtpParseReason,
  RtpSessionError,
  type RtpSessionReason,
  SrtpError,
  type SrtpReason,
  WavFormatError,
  type WavFormatReason,
} from './errors';
export { alawToLinear, linearToAlaw } from './g711/alaw';
export {
  decodeG711,
  encodeG711,
  type G711,
  g711Extension,
  g711PayloadType,
  g711Silence,
} from './g711/codec';
export { linearToUlaw, ulawToLinear } from './g711/ulaw';
export { musicOnHold, musicOnHoldSeconds } from './hold/music';
export {
  isRtcp,
  parseRtpPacket,
  type RtpExtension,
  type RtpPacket,
  serializeRtpPacket,
} from './packet/packet';
export {
  g711Codecs,
  PromptCache,
  type PromptRequest,
  promptKey,
  type RenderedPrompt,
  type UploadedPromptRequest,
  uploadedPromptKey,
} from './prompt/cache';
export { espeakSynthesizer, type SpeechRequest, type Synthesizer } from './prompt/espeak';
export { renderPromptG711, telephonyRate, wavToTelephonyPcm } from './prompt/render';
export {
  describePrompt,
  type PromptFailure,
  PromptRenderer,
  type PromptRendererOptions,
  type PromptSource,
  type UploadedAudio,
} from './prompt/renderer';
export { recordVoicemail } from './record/record-session';
export {
  type Recording,
  type RecordingEnd,
  type RecordingOptions,
  VoicemailRecorder,
} from './record/recorder';
export { resample, toInt16 } from './resample/resample';
export { type PaceOptions, type PaceResult, pace } from './session/pacer';
export {
  type PlayResult,
  type RtpAddress,
  RtpSession,
  type RtpSessionEvents,
  type RtpSessionOptions,
  type RtpSrtpOptions,
  type RtpStats,
  samplesPerPacket,
} from './session/session';
export { bindRtpSocket, type RtpBindOptions } from './session/socket';
export { SrtpContext } from './srtp/context';
export {
  type SrtpSuite,
  srtpAuthTagLength,
  srtpKeySaltLength,
  srtpSuites,
} from './srtp/suite';
export { downmix, type PcmAudio, parseWav } from './wav/parse';
export { writeWav } from './wav/write';
