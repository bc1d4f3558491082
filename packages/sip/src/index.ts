// @parley/sip: a focused RFC 3261 layer for Direct Routing SBC traffic.

export * from './dialog/dialog.js';
export * from './dialog/incoming-call.js';
export * from './dialog/offer.js';
export * from './dialog/outgoing-call.js';
export * from './dialog/refer.js';
export { type Refresher, type SessionExpires, sessionExpiresOf } from './dialog/session-timer.js';
export {
  acceptedTypes,
  allowedMethods,
  capabilityHeaders,
  supportedOptions,
} from './endpoint/capabilities.js';
export * from './endpoint/config.js';
export { SipEndpoint, type SipEndpointEvents } from './endpoint/endpoint.js';
export * from './errors.js';
export * from './message/fields.js';
export * from './message/framer.js';
export { canonicalHeaderName, headerKey, isListHeader } from './message/header-names.js';
export * from './message/headers.js';
export * from './message/limits.js';
export * from './message/message.js';
export * from './message/name-addr.js';
export * from './message/params.js';
export * from './message/parse.js';
export { reasonPhrase } from './message/reasons.js';
export * from './message/response.js';
export * from './message/serialize.js';
export * from './message/uri.js';
export * from './message/via.js';
export type { Origin } from './sdp/build.js';
export * from './sdp/codecs.js';
export * from './sdp/describe.js';
export * from './sdp/local.js';
export * from './sdp/negotiate.js';
export * from './sdp/srtp.js';
export { newBranch, newTag } from './transaction/keys.js';
export type {
  InviteServerTransaction,
  NonInviteServerTransaction,
  ServerTransaction,
} from './transaction/server.js';
export { defaultTimers, type TimerSettings } from './transaction/timers.js';
export { generateSelfSignedCertificate, type SelfSignedCertificate } from './transport/certificate.js';
export { responseTarget } from './transport/layer.js';
export type { PeerAddress, TransportProtocol } from './transport/transport.js';
