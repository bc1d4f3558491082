import type { TelephonyPort } from '@parley/call-engine';
import type { ActionParams, CallEvent, Prompt, TransferTarget } from '@parley/flow-schema';
import { type G711, RtpSession, recordVoicemail, type SrtpSuite } from '@parley/rtp';
import {
  answerOffer,
  type Dialog,
  generateSrtpKeySalt,
  type IncomingCall,
  parseUri,
  type SipEndpoint,
  SipRequestFailedError,
} from '@parley/sip';
import type { Logger } from 'pino';
import type { AgentRinger } from '../../calls/manager';
import type { QueueAgent } from '../../queues';
import { AgentLeg } from './agent-leg';
import { beep } from './beep';
import type { SipAdapterConfig } from './config';
import { infoDtmfKey } from './info-dtmf';
import type { SipPrompts } from './prompts';

/** A transfer target the SIP adapter cannot reach by REFER (Teams users, other flows). */
export class UnsupportedTargetError extends Error {
  override name = 'UnsupportedTargetError';
}

/** Keeps a caller's recorded message with the call (the database, in the runtime). */
export interface RecordingStore {
  store(recording: {
    tenantId: string;
    callId: string;
    contentType: string;
    bytes: Uint8Array;
    durationMs: number;
    endedBy: string;
  }): Promise<void>;
}

export interface SipCallPortOptions {
  call: IncomingCall;
  /** Places agent legs for queue calls. */
  endpoint: SipEndpoint;
  /** The called number as routed (+E.164), our identity in Referred-By. */
  called: string;
  /** The caller's number (+E.164) or 'anonymous', shown to agents. */
  caller: string;
  /** The tenant of the trunk the call came through. */
  tenantId: string;
  /** Where voicemail messages are kept. */
  recordings: RecordingStore;
  config: SipAdapterConfig;
  prompts: SipPrompts;
  logger: Logger;
}

/**
 * One inbound SIP call as the engine's telephony port: G.711 RTP for prompts and RFC 4733 key presses,
 * REFER for transfers, BYE for hang-ups. Events for the engine are held until the manager attaches the
 * call's `send` (the engine starts, and may command, before `incoming` returns).
 */
export class SipCallPort implements TelephonyPort, AgentRinger {
  private send: ((event: CallEvent) => void) | undefined;
  private callId: string | undefined;
  private readonly early: CallEvent[] = [];
  private rtp: RtpSession | undefined;
  private codec: G711 = 'PCMU';
  private dialog: Dialog | undefined;
  private answering: Promise<void> | undefined;
  /** The prompt (or hold loop) sending now: aborted by barge-in, stop, the next play or a transfer. */
  private playback: { abort: AbortController; bargeIn: boolean; done: Promise<void> } | undefined;
  private ended = false;
  /** The agent a queue bridged the caller to, until either hangs up. */
  private agentLeg: AgentLeg | undefined;
  private readonly endListeners: (() => void)[] = [];

  constructor(private readonly opts: SipCallPortOptions) {
    opts.call.once('cancel', () => this.finish('HANGUP'));
    opts.call.once('failed', () => this.finish('HANGUP'));
  }

  /** Starts delivering engine events (and those that arrived before) to the call Parley knows as `callId`. */
  attach(send: (event: CallEvent) => void, callId: string): void {
    this.send = send;
    this.callId = callId;
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

  /** Loops the prompt, or music on hold, until the next command. */
  async hold(prompt?: Prompt): Promise<void> {
    await this.stopPlayback();
    const rtp = await this.media();
    const payload = prompt
      ? await this.render(prompt, this.codec)
      : this.opts.prompts.musicOnHold(this.codec);
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

  /**
   * Rings a queue's agent on a new leg through the SBC (B2BUA) while the caller hears the hold music. When
   * the agent answers, the music stops and audio is relayed both ways; the agent hanging up sends
   * `AGENT_LEFT` to the flow, and the caller hanging up hangs the agent up.
   */
  async ringAgent(
    agent: QueueAgent,
    alertTimeoutMs: number,
    signal: AbortSignal,
  ): Promise<'answered' | 'missed'> {
    const uri = this.agentUri(agent);
    if (!uri) {
      this.opts.logger.warn(
        { agentId: agent.agentId },
        'the agent has no phone number or SIP URI for SIP calls; skipped',
      );
      return 'missed';
    }
    const caller = await this.media();
    const codec = this.codec;
    const leg = await AgentLeg.ring({
      endpoint: this.opts.endpoint,
      config: this.opts.config,
      uri,
      from: `<sip:${this.opts.caller}@${this.opts.config.host};user=phone>`,
      codec,
      alertTimeoutMs,
      signal,
      logger: this.opts.logger.child({ agentId: agent.agentId }),
    });
    if (!leg) return 'missed';
    if (this.ended) {
      await leg.hangup();
      return 'missed';
    }
    await this.stopPlayback();
    this.agentLeg = leg;
    leg.bridge(caller, codec);
    leg.onEnd((by) => {
      if (this.agentLeg === leg) this.agentLeg = undefined;
      if (by !== 'caller-hung-up') this.emit({ type: 'AGENT_LEFT' });
    });
    return 'answered';
  }

  /**
   * Takes a message: the greeting, a beep, then the caller's words until `#`, silence or the node's
   * maximum length, stored with the call for the web app to play back. Then the call leaves the flow
   * (`HANDED_OFF`) and we hang up; a message that could not be stored is the node's `failed` outcome.
   */
  async voicemail(params: ActionParams['voicemail']): Promise<void> {
    await this.stopPlayback();
    const rtp = await this.media();
    const abort = new AbortController();
    this.playback = { abort, bargeIn: false, done: Promise.resolve() };
    void this.takeMessage(rtp, params, abort.signal).catch((error: Error) => {
      this.opts.logger.error({ err: error }, 'the voicemail could not be taken');
      if (!this.ended) this.emit({ type: 'VOICEMAIL_FAILED', reason: error.message });
    });
  }

  private async takeMessage(
    rtp: RtpSession,
    params: ActionParams['voicemail'],
    signal: AbortSignal,
  ): Promise<void> {
    const codec = this.codec;
    if (params.greeting) await rtp.play(await this.render(params.greeting, codec), { signal });
    if (!signal.aborted) await rtp.play(beep(codec), { signal });
    // Hanging up mid-message keeps what was said: only the caller's end stops the recording.
    const left = new AbortController();
    this.onEnd(() => left.abort());
    const recording = await recordVoicemail(rtp, {
      codec,
      maxSeconds: params.maxLengthSeconds,
      signal: left.signal,
    });
    if (recording.durationMs === 0 && recording.endedBy === 'stopped') return;
    const { callId } = this;
    if (!callId) throw new Error('the call has no id yet');
    await this.opts.recordings.store({
      tenantId: this.opts.tenantId,
      callId,
      contentType: 'audio/wav',
      bytes: recording.wav,
      durationMs: recording.durationMs,
      endedBy: recording.endedBy === 'stopped' ? 'hangup' : recording.endedBy,
    });
    if (this.ended) return;
    this.emit({ type: 'HANDED_OFF' });
    await this.leave();
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
    await this.agentLeg?.hangup();
    await this.dialog?.bye();
    await this.closeMedia();
  }

  private async openMedia(): Promise<void> {
    const { call, config } = this.opts;
    if (config.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.answerDelayMs));
    if (call.state !== 'pending') return;
    // The codec must be known to open the session and the session's port to answer: settle the codec
    // from the offer first (the choice does not depend on our port), then answer with the real port.
    const offer = call.offer;
    // SDES: our key goes in the answer when the SBC offers RTP/SAVP (plain offers ignore it).
    const keying = config.srtp === 'when-offered' ? { srtp: { keySalt: generateSrtpKeySalt() } } : {};
    const probe =
      offer === undefined
        ? undefined
        : answerOffer(offer, { address: config.mediaAddress, port: 9, ...keying });
    const codec: G711 = probe?.ok && probe.codec.name === 'PCMA' ? 'PCMA' : 'PCMU';
    const remoteKey = probe?.ok ? probe.srtp?.remote : undefined;
    const rtp = await RtpSession.open({
      codec,
      ...(probe?.ok ? { payloadType: probe.codec.payload } : {}),
      ...(probe?.ok && probe.telephoneEvent
        ? { telephoneEventPayloadType: probe.telephoneEvent.payload }
        : {}),
      ...(probe?.ok ? { remote: { address: probe.remote.address, port: probe.remote.port } } : {}),
      ...(remoteKey?.keySalt && keying.srtp
        ? {
            srtp: {
              suite: remoteKey.suite as SrtpSuite,
              localKeySalt: keying.srtp.keySalt,
              remoteKeySalt: remoteKey.keySalt,
            },
          }
        : {}),
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
    const answered = call.answer({
      address: config.mediaAddress,
      port: rtp.local.port,
      codecs: [codec],
      ...keying,
    });
    if (!answered.ok) {
      await rtp.close();
      this.finish('HANGUP');
      return;
    }
    this.rtp = rtp;
    this.codec = codec;
    this.dialog = answered.dialog;
    const bargeIn = () => {
      if (this.playback?.bargeIn) this.playback.abort.abort();
    };
    rtp.on('dtmf-start', bargeIn);
    rtp.on('dtmf', ({ key }) => {
      if (!this.agentLeg) this.emit({ type: 'DTMF', digit: key });
    });
    answered.dialog.on('info', (request) => {
      const key = infoDtmfKey(request);
      if (key === null || this.agentLeg) return;
      bargeIn();
      this.emit({ type: 'DTMF', digit: key });
    });
    // Hold (sendonly/inactive from the caller) and resume (sendrecv), or a new media address.
    answered.dialog.on('media', (negotiated) => {
      rtp.setRemote({ address: negotiated.remote.address, port: negotiated.remote.port });
      rtp.muted = negotiated.direction === 'recvonly' || negotiated.direction === 'inactive';
    });
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

  private render(prompt: Prompt, codec: G711): Promise<Uint8Array> {
    return this.opts.prompts.render(prompt, codec, this.opts.tenantId);
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

  /** The agent's number through the caller's SBC, or the agent's own SIP URI; null when neither is known. */
  private agentUri(agent: QueueAgent): string | null {
    const target = agent.sipTarget;
    if (!target) return null;
    if (target.startsWith('+')) return `sip:${target}@${this.sbcHostPort()};user=phone`;
    return target;
  }

  /** The SBC as host[:port]: configured, or the caller's (remote target) for a reply through the same trunk. */
  private sbcHostPort(): string {
    if (this.opts.config.sbcHost) return this.opts.config.sbcHost;
    const uri = parseUri(this.dialog?.remoteTarget ?? this.opts.call.request.uri);
    if (uri.scheme === 'tel') return this.opts.config.host;
    return uri.port ? `${uri.host}:${uri.port}` : uri.host;
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
    void this.agentLeg?.hangup();
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
