export { SipAdapter, type SipCallHandler } from './adapter';
export {
  type SipAdapterConfig,
  type SipAdapterConfigInput,
  sipAdapterConfigSchema,
} from './config';
export { loadSipConfig } from './env';
export { normaliseNumber } from './numbers';
export { type RecordingStore, SipCallPort, UnsupportedTargetError } from './port';
export { SipPrompts } from './prompts';
