import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SipTimeoutError } from '../errors.js';
import { createRequest, type SipRequest, type SipResponse } from '../message/message.js';
import { createResponse } from '../message/response.js';
import type { PeerAddress } from '../transport/transport.js';
import { TransactionLayer } from './layer.js';
import type { ServerTransaction } from './server.js';
import type { Wire } from './wire.js';

const timers = { t1: 500, t2: 4000, t4: 5000 };
const udpPeer: PeerAddress = { protocol: 'udp', address: '192.0.2.10', port: 5060 };
const tcpPeer: PeerAddress = { protocol: 'tcp', address: '192.0.2.10', port: 5060 };

class RecordingWire implements Wire {
  sent: (SipRequest | SipResponse)[] = [];
  async sendRequest(request: SipRequest): Promise<void> {
    this.sent.push(request);
  }
  async sendResponse(response: SipResponse): Promise<void> {
    this.sent.push(response);
  }
  statuses(): (number | string)[] {
    return this.sent.map((m) => (m.kind === 'response' ? m.status : m.method));
  }
}

function request(method: string, branch = 'z9hG4bKtest1', cseq = 1): SipRequest {
  return createRequest(method, 'sip:parley@192.0.2.1', [
    ['Via', `SIP/2.0/UDP 192.0.2.10:5060;branch=${branch}`],
    ['From', '<sip:caller@192.0.2.10>;tag=abc'],
    ['To', '<sip:parley@192.0.2.1>'],
    ['Call-ID', 'tx-test'],
    ['CSeq', `${cseq} ${method}`],
  ]);
}

function setup() {
  const wire = new RecordingWire();
  const received: ServerTransaction[] = [];
  const acks: SipRequest[] = [];
  const timeouts: string[] = [];
  const layer = new TransactionLayer(wire, timers, {
    onRequest: (t) => received.push(t),
    onAck: (ack) => acks.push(ack),
    onAckTimeout: () => timeouts.push('H'),
  });
  return { wire, received, acks, timeouts, layer };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('INVITE server transaction', () => {
  it('sends 100 Trying at once and repeats the last provisional on a retransmitted INVITE', () => {
    const { wire, received, layer } = setup();
    layer.receiveRequest(request('INVITE'), udpPeer);
    expect(wire.statuses()).toEqual([100]);
    received[0]?.reply(180);
    layer.receiveRequest(request('INVITE'), udpPeer);
    expect(wire.statuses()).toEqual([100, 180, 180]);
    expect(received).toHaveLength(1);
  });

  it('retransmits a 486 on timer G (T1, 2T1, 4T1, capped at T2) until the ACK, then absorbs the ACK', () => {
    const { wire, received, acks, layer } = setup();
    layer.receiveRequest(request('INVITE'), udpPeer);
    received[0]?.reply(486, { toTag: 'uas' });
    vi.advanceTimersByTime(500);
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(2000);
    expect(wire.statuses()).toEqual([100, 486, 486, 486, 486]);
    vi.advanceTimersByTime(4000);
    vi.advanceTimersByTime(4000);
    expect(wire.statuses().filter((s) => s === 486)).toHaveLength(6);
    layer.receiveRequest(request('ACK'), udpPeer);
    vi.advanceTimersByTime(20000);
    expect(wire.statuses().filter((s) => s === 486)).toHaveLength(6);
    expect(acks).toHaveLength(0);
    expect(received[0]?.state).toBe('terminated');
  });

  it('gives up on timer H (64·T1) when no ACK comes', () => {
    const { received, timeouts, layer } = setup();
    layer.receiveRequest(request('INVITE'), udpPeer);
    received[0]?.reply(603);
    vi.advanceTimersByTime(64 * 500 - 1);
    expect(timeouts).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(timeouts).toEqual(['H']);
  });

  it('does not retransmit over TCP', () => {
    const { wire, received, layer } = setup();
    layer.receiveRequest(request('INVITE'), tcpPeer);
    received[0]?.reply(486);
    vi.advanceTimersByTime(30000);
    expect(wire.statuses()).toEqual([100, 486]);
  });

  it('hands the ACK of a 2xx to the TU and absorbs INVITE retransmissions after it', () => {
    const { wire, received, acks, layer } = setup();
    layer.receiveRequest(request('INVITE'), udpPeer);
    received[0]?.reply(200, { toTag: 'uas' });
    layer.receiveRequest(request('INVITE'), udpPeer);
    expect(wire.statuses()).toEqual([100, 200]);
    layer.receiveRequest(request('ACK', 'z9hG4bKotherbranch'), udpPeer);
    expect(acks).toHaveLength(1);
  });

  it('finds the INVITE a CANCEL names', () => {
    const { layer } = setup();
    layer.receiveRequest(request('INVITE'), udpPeer);
    expect(layer.inviteFor(request('CANCEL'))).toBeDefined();
    expect(layer.inviteFor(request('CANCEL', 'z9hG4bKnothing'))).toBeUndefined();
  });
});

describe('non-INVITE server transaction', () => {
  it('answers retransmissions with the last response until timer J (64·T1)', () => {
    const { wire, received, layer } = setup();
    layer.receiveRequest(request('BYE'), udpPeer);
    received[0]?.reply(200);
    layer.receiveRequest(request('BYE'), udpPeer);
    expect(wire.statuses()).toEqual([200, 200]);
    vi.advanceTimersByTime(64 * 500);
    layer.receiveRequest(request('BYE'), udpPeer);
    expect(received).toHaveLength(2); // A new transaction: the old one is gone.
  });
});

describe('INVITE client transaction', () => {
  it('retransmits on timer A, stops on a provisional, and ACKs a failure with the same branch', () => {
    const { wire, layer } = setup();
    const responses: number[] = [];
    const invite = request('INVITE', 'z9hG4bKclient');
    layer.sendRequest(invite, udpPeer, {
      onResponse: (r) => responses.push(r.status),
      onFailure: () => {},
      onTerminated: () => {},
    });
    vi.advanceTimersByTime(500 + 1000);
    expect(wire.statuses()).toEqual(['INVITE', 'INVITE', 'INVITE']);
    layer.receiveResponse(createResponse(invite, 180, { toTag: 'b' }));
    vi.advanceTimersByTime(10000);
    expect(wire.statuses()).toEqual(['INVITE', 'INVITE', 'INVITE']);
    layer.receiveResponse(createResponse(invite, 486, { toTag: 'b' }));
    const ack = wire.sent.at(-1) as SipRequest;
    expect(ack.method).toBe('ACK');
    expect(ack.headers.get('Via')).toContain('branch=z9hG4bKclient');
    expect(ack.headers.get('To')).toContain('tag=b');
    expect(ack.headers.get('CSeq')).toBe('1 ACK');
    layer.receiveResponse(createResponse(invite, 486, { toTag: 'b' }));
    expect(wire.statuses().filter((s) => s === 'ACK')).toHaveLength(2);
    expect(responses).toEqual([180, 486]);
  });

  it('fails with a timeout on timer B (64·T1)', () => {
    const { layer } = setup();
    const failures: Error[] = [];
    layer.sendRequest(request('INVITE', 'z9hG4bKlost'), udpPeer, {
      onResponse: () => {},
      onFailure: (e) => failures.push(e),
      onTerminated: () => {},
    });
    vi.advanceTimersByTime(64 * 500);
    expect(failures[0]).toBeInstanceOf(SipTimeoutError);
  });
});

describe('non-INVITE client transaction', () => {
  it('retransmits on timer E up to T2 and times out on timer F', () => {
    const { wire, layer } = setup();
    const failures: Error[] = [];
    layer.sendRequest(request('OPTIONS', 'z9hG4bKopt'), udpPeer, {
      onResponse: () => {},
      onFailure: (e) => failures.push(e),
      onTerminated: () => {},
    });
    // Sends at 0, 0.5, 1.5, 3.5, 7.5, 11.5, … s (intervals 500, 1000, 2000, 4000, 4000, …).
    vi.advanceTimersByTime(7500);
    expect(wire.statuses()).toHaveLength(5);
    vi.advanceTimersByTime(32000 - 7500);
    expect(failures[0]).toBeInstanceOf(SipTimeoutError);
  });

  it('delivers the final response once and lingers for timer K', () => {
    const { layer } = setup();
    const responses: number[] = [];
    let ended = false;
    const bye = request('BYE', 'z9hG4bKbye');
    layer.sendRequest(bye, udpPeer, {
      onResponse: (r) => responses.push(r.status),
      onFailure: () => {},
      onTerminated: () => {
        ended = true;
      },
    });
    layer.receiveResponse(createResponse(bye, 200));
    layer.receiveResponse(createResponse(bye, 200));
    expect(responses).toEqual([200]);
    vi.advanceTimersByTime(5000);
    expect(ended).toBe(true);
  });
});
