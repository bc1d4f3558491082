import { SipStateError } from '../errors.js';
import { bodyText, type MessageExtras, type SipRequest } from '../message/message.js';

/** Where an in-dialog offer came from. */
export type OfferMethod = 'INVITE' | 'UPDATE';

/**
 * An offer the other side made inside a dialog: a re-INVITE (hold, resume, new media address, session
 * refresh) or an UPDATE with SDP. The app answers it once; without a listener the dialog answers with its
 * media settings. `sdp` is undefined for a re-INVITE without a body (we offer in the 2xx, §14.2).
 */
export class IncomingOffer {
  private answered = false;

  constructor(
    readonly method: OfferMethod,
    readonly request: SipRequest,
    private readonly respond: (status: number, sdp: string | undefined, extras?: MessageExtras) => void,
  ) {}

  /** The offered SDP, if the request carried one. */
  get sdp(): string | undefined {
    return this.request.body.length > 0 ? bodyText(this.request) : undefined;
  }

  /** Answers 200 with our SDP (an answer, or our offer when the request had none). */
  accept(sdp: string, extras?: MessageExtras): void {
    this.once();
    this.respond(200, sdp, extras);
  }

  /** Refuses the offer (488 by default); the session stays as it was (§14.2). */
  reject(status = 488, extras?: MessageExtras): void {
    this.once();
    this.respond(status, undefined, extras);
  }

  /** Whether accept or reject was called. */
  get settled(): boolean {
    return this.answered;
  }

  private once(): void {
    if (this.answered) throw new SipStateError('this offer was already answered');
    this.answered = true;
  }
}
