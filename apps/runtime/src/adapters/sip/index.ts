export { SipAdapter, type SipCallHandler } from './adapter';
export {
  type SipAdapterConfig,
  type SipAdapterConfigInput,
  sipAdapterConfigSchema,
} from './config';
export { normaliseNumber } from './numbers';
export { SipCallPort, UnsupportedPromptError, UnsupportedTargetError } from './port';
