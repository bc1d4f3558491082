/** Methods a Parley endpoint handles (advertised in Allow; REFER in it opts into RFC 5589 transfers). */
export const allowedMethods = [
  'INVITE',
  'ACK',
  'CANCEL',
  'BYE',
  'OPTIONS',
  'INFO',
  'UPDATE',
  'REFER',
  'NOTIFY',
];

/** Body types it understands. */
export const acceptedTypes = ['application/sdp', 'application/dtmf-relay', 'message/sipfrag'];

/** Option tags it supports (RFC 4028 session timers). */
export const supportedOptions = ['timer'];

/** Allow, Accept and Supported, as answered to OPTIONS and put on INVITEs and 2xx. */
export function capabilityHeaders(): Record<string, string> {
  return {
    Allow: allowedMethods.join(', '),
    Accept: acceptedTypes.join(', '),
    Supported: supportedOptions.join(', '),
  };
}
