import { describe, expect, it } from 'vitest';
import { createRequest } from '../message/message.js';
import { sipfragStatus } from './refer.js';
import { negotiateSessionTimer, sessionTimes } from './session-timer.js';

const settings = { sessionExpires: 1800, minSessionExpires: 90 };
const invite = (...extra: [string, string][]) => createRequest('INVITE', 'sip:x@y', extra);

describe('RFC 4028 session timers, as the UAS', () => {
  it('keeps the interval and refresher the SBC asked for', () => {
    expect(
      negotiateSessionTimer(invite(['Supported', 'timer'], ['x', '600;refresher=uas']), settings),
    ).toEqual({
      kind: 'use',
      interval: 600,
      refresher: 'uas',
      require: true,
    });
  });

  it('lets a timer-capable UAC refresh when it did not say, and refreshes itself for one that is not', () => {
    expect(negotiateSessionTimer(invite(['k', 'timer']), settings)).toMatchObject({
      interval: 1800,
      refresher: 'uac',
    });
    expect(negotiateSessionTimer(invite(['Session-Expires', '900']), settings)).toMatchObject({
      refresher: 'uas',
      require: false,
    });
    expect(negotiateSessionTimer(invite(), settings)).toEqual({ kind: 'none' });
  });

  it('answers an interval below Min-SE with 422 and our Min-SE', () => {
    expect(negotiateSessionTimer(invite(['Session-Expires', '30']), settings)).toEqual({
      kind: 'too-small',
      minSE: 90,
    });
  });

  it('refreshes at half the interval and gives up a little before it ends', () => {
    expect(sessionTimes(1800)).toEqual({ refreshAfter: 900_000, expireAfter: 1_768_000 });
    expect(sessionTimes(90)).toEqual({ refreshAfter: 45_000, expireAfter: 60_000 });
  });
});

describe('REFER progress', () => {
  it('reads the status line of a message/sipfrag body', () => {
    expect(sipfragStatus('SIP/2.0 180 Ringing\r\n')).toEqual({ status: 180, reason: 'Ringing' });
    expect(sipfragStatus('SIP/2.0 603 Declined\r\nContent-Length: 0\r\n')).toEqual({
      status: 603,
      reason: 'Declined',
    });
    expect(sipfragStatus('garbage')).toBeUndefined();
  });
});
