import type { TelephonyPort } from '@parley/call-engine';
import type { ActionParams, CallEvent, Prompt, TransferTarget } from '@parley/flow-schema';
import { type G711, type PromptCache, RtpSession } from '@parley/rtp';
import { answerOffer, type Dialog, type IncomingCall, parseUri, SipRequestFailedError } from '@parley/sip';
import type { Logger } from 'pino';
import type { SipAdapterConfig } from './config';

/** A transfer target the SIP adapter cannot reach by REFER (Teams users, other flows). */
export class UnsupportedTargetError extends Error {
  override name = 'UnsupportedTargetError';
}

/** A prompt kind the SIP adapter cannot play yet (uploaded audio). */
export class UnsupportedPromptError extends Error {
  override name = 'UnsupportedPromptError';
}

export interface SipCallPortOptions {
  call: IncomingCall;
  /** The called number as routed (+E.164), our identity in Referred-By. */
  called: string;
  config: SipAdapterConfig;
  prompts: PromptCache;
  logger: Logger;
}

/**
 * One inbound SIP call as the engine's telephony port: G.711 RTP for prompts and RFC 4733 key presses,
 * REFER for transfers, BYE for hang-ups. Events for the engine are held until the manager attaches the
 * call's `send` (the engine starts, and may command, before `incoming` returns).
 */
export class SipCallPort implements TelephonyPort {
  private send: ((event: CallEvent) => void) | undefined;
  private readonly early: CallEvent[] = [];
  private rtp: RtpSession | undefined;
  private codec: G711 = 'PCMU';
  private dialog: Dialog | undefined;
  private answering: Promise<void> | undefined;
  /** The prompt (or hold loop) sending now: aborted by barge-in, stop, the next play or a transfer. */
  private playback: { abort: AbortController; bargeIn: boolean; done: Promise<void> } | undefined;
  private ended = false;
  private readonly endListeners: (() => void)[] = [];

  constructor(private readonly opts: SipCallPortOptions) {
    opts.call.once('cancel', () => this.finish('HANGUP'));
    opts.call.once('failed', () => this.finish('HANGUP'));
  }

  /** Starts delivering engine events (and those that arrived before). */
  attach(send: (event: CallEvent) => void): void {
    this.send = send;
    for (const event of this.early.splice(0)) send(event);
  }

  /** Runs once the call is over for this process (either side hung up, or it was handed off). */
  onEnd(listener: () => void): void {
    if (this.ended) listener();
    else this.endListeners.push(listener);
  }

  answer(): Promise<void> {
    this.answering ??= this.openMedia();
    return this.answering;
  }

  async play(prompt: Prompt, opts: { bargeIn: boolean }): Promise<void> {
    await this.stopPlayback();
    const rtp = await this.media();
    const payload = await this.render(prompt, this.codec);
    this.startPlayback(opts.bargeIn, async (signal) => {
      const { completed } = await rtp.play(payload, { signal });
      if (completed) this.emit({ type: 'PROMPT_DONE' });
    });
  }

  async stopPlayback(): Promise<void> {
    const current = this.playback;
    if (!current) return;
    current.abort.abort();
    await current.done;
  }

  /** Loops the prompt until the next command; without one the caller hears silence (no music on hold yet). */
  async hold(prompt?: Prompt): Promise<void> {
    await this.stopPlayback();
    if (!prompt) return;
    const rtp = await this.media();
    const payload = await this.render(prompt, this.codec);
    this.startPlayback(false, async (signal) => {
      while (!signal.aborted) {
        const { completed } = await rtp.play(payload, { signal });
        if (!completed) return;
      }
    });
  }

  /**
   * REFERs the caller's SBC to the target (blind transfer, RFC 3515 + Referred-By RFC 3892). A final 2xx
   * NOTIFY hands the call off and we leave with BYE; anything else is `TRANSFER_FAILED`.
   */
  async transfer(target: TransferTarget): Promise<void> {
    const referTo = this.referTarget(target);
    await this.stopPlayback();
    const dialog = await this.requireDialog();
    const referredBy = `<sip:${this.opts.called}@${this.opts.config.host};user=phone>`;
    let referral: Awaited<ReturnType<Dialog['refer']>>;
    try {
      referral = await dialog.refer(`<${referTo}>`, { referredBy });
    } catch (error) {
      if (!(error instanceof SipRequestFailedError)) throw error;
      this.emit({ type: 'TRANSFER_FAILED', reason: error.message });
      return;
    }
    void referral.outcome.then((status) => {
      if (this.ended) return;
      if (status >= 200 && status < 300) {
        this.emit({ type: 'HANDED_OFF' });
        void this.leave();
      } else {
        this.emit({ type: 'TRANSFER_FAILED', reason: `the transfer target answered ${status}` });
      }
    });
  }

  /** Recording voicemail over RTP is not wired yet: the flow takes its `failed` path. */
  async voicemail(_params: ActionParams['voicemail']): Promise<void> {
    this.emit({ type: 'VOICEMAIL_FAILED', reason: 'voicemail is not available on SIP calls yet' });
  }

  async hangup(reason: string): Promise<void> {
    this.opts.logger.info({ reason }, 'hanging up');
    const { call } = this.opts;
    if (call.state === 'pending') call.reject(480);
    await this.leave();
  }

  /** Ends the call from our side: stops media and sends BYE; the dialog's end is not the caller's. */
  async leave(): Promise<void> {
    this.markEnded();
    await this.stopPlayback();
    await this.dialog?.bye();
    await this.closeMedia();
  }

  private async openMedia(): Promise<void> {
    const { call, config } = this.opts;
    if (call.state !== 'pending') return;
    // The codec must be known to open the session and the session's port to answer: settle the codec
    // from the offer first (the choice does not depend on our port), then answer with the real port.
    const offer = call.offer;
    const probe =
      offer === undefined ? undefined : answerOffer(offer, { address: config.mediaAddress, port: 9 });
    const codec: G711 = probe?.ok && probe.codec.name === 'PCMA' ? 'PCMA' : 'PCMU';
    const rtp = await RtpSession.open({
      codec,
      ...(probe?.ok ? { payloadType: probe.codec.payload } : {}),
      ...(probe?.ok && probe.telephoneEvent
        ? { telephoneEventPayloadType: probe.telephoneEvent.payload }
        : {}),
      ...(probe?.ok ? { remote: { address: probe.remote.address, port: probe.remote.port } } : {}),
      symmetric: true,
      bind: {
        address: config.rtpBind.address,
        ...(config.rtpBind.portRange ? { portRange: config.rtpBind.portRange } : {}),
      },
    });
    if (call.state !== 'pending') {
      await rtp.close();
      return;
    }
    const answered = call.answer({ address: config.mediaAddress, port: rtp.local.port, codecs: [codec] });
    if (!answered.ok) {
      await rtp.close();
      this.finish('HANGUP');
      return;
    }
    this.rtp = rtp;
    this.codec = codec;
    this.dialog = answered.dialog;
    rtp.on('dtmf-start', () => {
      if (this.playback?.bargeIn) this.playback.abort.abort();
    });
    rtp.on('dtmf', ({ key }) => this.emit({ type: 'DTMF', digit: key }));
    answered.dialog.on('media', (negotiated) =>
      rtp.setRemote({ address: negotiated.remote.address, port: negotiated.remote.port }),
    );
    answered.dialog.on('terminated', (reason) => {
      if (reason !== 'local-bye') this.finish('HANGUP');
    });
  }

  private startPlayback(bargeIn: boolean, run: (signal: AbortSignal) => Promise<void>): void {
    // Two commands can overlap while prompts render: the newer one waits for the older to stop.
    const previous = this.playback;
    previous?.abort.abort();
    const abort = new AbortController();
    const done = (previous?.done ?? Promise.resolve())
      .then(() => (abort.signal.aborted ? undefined : run(abort.signal)))
      .catch((error: Error) => this.opts.logger.warn({ err: error }, 'prompt playback failed'))
      .finally(() => {
        if (this.playback?.abort === abort) this.playback = undefined;
      });
    this.playback = { abort, bargeIn, done };
  }

  private async render(prompt: Prompt, codec: G711): Promise<Buffer> {
    if (prompt.kind !== 'tts')
      throw new UnsupportedPromptError('uploaded audio prompts are not played on SIP calls yet');
    const rendered = await this.opts.prompts.get({
      text: prompt.text,
      language: prompt.language ?? this.opts.config.defaultLanguage,
      ...(prompt.voice ? { voice: prompt.voice } : {}),
      codec,
    });
    return rendered.payload;
  }

  private referTarget(target: TransferTarget): string {
    switch (target.kind) {
      case 'phone':
        return `sip:${target.number}@${this.sbcHost()};user=phone`;
      case 'sip':
        return target.uri;
      default:
        throw new UnsupportedTargetError(`a ${target.kind} target cannot be reached from a SIP call yet`);
    }
  }

  private sbcHost(): string {
    if (this.opts.config.sbcHost) return this.opts.config.sbcHost;
    const uri = parseUri(this.dialog?.remoteTarget ?? this.opts.call.request.uri);
    return uri.scheme === 'tel' ? this.opts.config.host : uri.host;
  }

  private async media(): Promise<RtpSession> {
    await this.answer();
    if (!this.rtp) throw new Error('the call has no media: it was not answered');
    return this.rtp;
  }

  private async requireDialog(): Promise<Dialog> {
    await this.answer();
    if (this.dialog?.state !== 'confirmed') throw new Error('the call is not connected');
    return this.dialog;
  }

  /** The caller is gone (BYE, CANCEL, no ACK): tell the engine once and release media. */
  private finish(event: 'HANGUP'): void {
    if (this.ended) return;
    this.markEnded();
    this.playback?.abort.abort();
    this.emit({ type: event });
    void this.closeMedia();
  }

  private markEnded(): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of this.endListeners.splice(0)) listener();
  }

  private async closeMedia(): Promise<void> {
    const rtp = this.rtp;
    this.rtp = undefined;
    await rtp?.close();
  }

  private emit(event: CallEvent): void {
    if (this.send) this.send(event);
    else this.early.push(event);
  }
}
