import { randomUUID } from 'node:crypto';
import type { SipMessage, SipResponse } from '@parley/sip';
import { RawPeer } from '@parley/sip/testing';

/**
 * The SBC's side of one call, written by hand over UDP: the INVITE from +12065550199 to the main line,
 * then in-dialog requests with the To tag and CSeq kept, for tests that need exact control of the lines.
 */
export class SbcCall {
  toTag = '';
  private seq = 0;

  private constructor(
    readonly peer: RawPeer,
    private readonly sipPort: number,
    readonly callId: string,
  ) {}

  static async open(sipPort: number, callId = `sbc-${randomUUID()}`): Promise<SbcCall> {
    return new SbcCall(await RawPeer.open('udp', sipPort), sipPort, callId);
  }

  /** Via … Contact for a request of this call (a fresh branch each time), or of another Call-ID. */
  headers(method: string, seq = this.seq, callId = this.callId): string[] {
    const { localPort } = this.peer;
    return [
      `Via: SIP/2.0/UDP 127.0.0.1:${localPort};branch=z9hG4bK${randomUUID().slice(0, 12)};rport`,
      'Max-Forwards: 70',
      `From: <sip:+12065550199@127.0.0.1;user=phone>;tag=sbc${this.callId.slice(-6)}`,
      `To: <sip:+14255550100@127.0.0.1;user=phone>${this.toTag ? `;tag=${this.toTag}` : ''}`,
      `Call-ID: ${callId}`,
      `CSeq: ${seq} ${method}`,
      `Contact: <sip:+12065550199@127.0.0.1:${localPort};transport=udp>`,
    ];
  }

  /** Sends the INVITE (an SDP offer) without waiting. */
  invite(offer: string): void {
    this.seq = 1;
    this.peer.send(
      [
        'INVITE sip:+14255550100@127.0.0.1;user=phone SIP/2.0',
        ...this.headers('INVITE'),
        'Content-Type: application/sdp',
        'Content-Length: {{length}}',
      ],
      offer,
    );
  }

  /** INVITE → 200 → ACK: the call is up; resolves with the 200 (our answer SDP in its body). */
  async connect(offer: string): Promise<SipResponse> {
    this.invite(offer);
    const ok = await this.peer.response(200, 'INVITE', 10_000);
    this.toTag = /;tag=([^;]+)/.exec(ok.headers.get('To') ?? '')?.[1] ?? '';
    this.ack();
    return ok;
  }

  /** A request in the dialog with the next CSeq; `body` with its content type. */
  send(method: string, body?: { type: string; text: string }): void {
    if (method !== 'ACK') this.seq++;
    this.peer.send(
      [
        `${method} sip:127.0.0.1:${this.sipPort} SIP/2.0`,
        ...this.headers(method),
        ...(body ? [`Content-Type: ${body.type}`, 'Content-Length: {{length}}'] : ['Content-Length: 0']),
      ],
      body?.text ?? '',
    );
  }

  /** A re-INVITE with a new offer (hold, resume), ACKed; resolves with its 200. */
  async reinvite(offer: string): Promise<SipResponse> {
    this.send('INVITE', { type: 'application/sdp', text: offer });
    const ok = await this.peer.response(200, 'INVITE');
    this.ack();
    return ok;
  }

  /** Hangs up and waits for the 200. */
  async bye(): Promise<void> {
    this.send('BYE');
    await this.peer.response(200, 'BYE');
  }

  /** Answers a request Parley sent in the dialog (its BYE, say) with 200. */
  accept(request: SipMessage): void {
    this.peer.send([
      'SIP/2.0 200 OK',
      ...['Via', 'From', 'To', 'Call-ID', 'CSeq'].map((h) => `${h}: ${request.headers.get(h)}`),
      'Content-Length: 0',
    ]);
  }

  close(): void {
    this.peer.close();
  }

  private ack(): void {
    this.peer.send([
      `ACK sip:127.0.0.1:${this.sipPort} SIP/2.0`,
      ...this.headers('ACK', this.seq),
      'Content-Length: 0',
    ]);
  }
}
