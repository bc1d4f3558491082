import type { Effect } from '../../effects';

/** Hands the caller to a mailbox; a mailbox that cannot take the message answers `VOICEMAIL_FAILED`. */
export const voicemail: Effect<'voicemail'> = (call, p) => {
  call.record(
    'voicemail',
    { mailbox: JSON.stringify(p.mailbox), maxLengthSeconds: p.maxLengthSeconds },
    call.nodeId ?? undefined,
  );
  call.run(
    'voicemail',
    () => call.port.voicemail({ ...p, greeting: p.greeting && call.fill(p.greeting) }),
    (e) => call.send({ type: 'VOICEMAIL_FAILED', reason: e.message }),
  );
};
