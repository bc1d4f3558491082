import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { TelephonyPort } from '@parley/call-engine';
import type { ActionParams, CallEvent, Prompt, TeamsUser, TransferTarget } from '@parley/flow-schema';
import type { Logger } from 'pino';
import type { MediaRef, PromptStore } from '../../media/prompt-store';
import { type GraphCallRequests, type InvitationParticipantInfo, identity, userObjectId } from './calls';
import { decodePurpose, encodePurpose } from './client-context';
import type { CallResource, OperationResource } from './notifications';

/** A transfer target Graph cannot reach (SIP addresses, other flows). */
export class UnsupportedTargetError extends Error {
  override name = 'UnsupportedTargetError';
}

export interface GraphCallPortOptions {
  requests: GraphCallRequests;
  tenantId: string;
  /** The tenant's Graph client, for looking up users by UPN. */
  client: Client;
  prompts: PromptStore;
  /** The callback URL Graph posts this call's notifications to (`callbackUri` of answer). */
  callbackUri: string;
  /** Path below the public base URL of the music played by `hold()` without a prompt. */
  holdMusicPath: string;
  keepAliveMs: number;
  /** True when the port is made for a call that is already established (resumed after a restart). */
  established: boolean;
  logger: Logger;
  /** The call is gone at Graph (keepAlive answered 404): the adapter ends it. */
  onGone: () => void;
  /** Upper bound on rendering prefetch prompts before answering (Graph's answer timeout is 15 s). */
  prefetchBudgetMs?: number;
}

const TONES: Record<string, string> = {
  tone0: '0',
  tone1: '1',
  tone2: '2',
  tone3: '3',
  tone4: '4',
  tone5: '5',
  tone6: '6',
  tone7: '7',
  tone8: '8',
  tone9: '9',
  star: '*',
  pound: '#',
  a: 'A',
  b: 'B',
  c: 'C',
  d: 'D',
};

/**
 * The TelephonyPort of one Graph call. Commands become Graph requests; notifications become engine events
 * through `eventsFor*`. What an operation is for travels in its clientContext, so completions are understood
 * after a restart too. The little state kept here only sharpens that (stale prompts, replayed tones); a port
 * made after a restart (`resumed`) does without it.
 */
export class GraphCallPort implements TelephonyPort {
  /** False until this process sent a media command: before that (after a restart) any completion counts. */
  private knowsMedia = false;
  private disposed = false;
  /** Media commands run one after another, in the engine's order, once the call is established. */
  private media: Promise<unknown>;
  private openGate!: (live: boolean) => void;
  private readonly gate: Promise<boolean>;
  private isEstablished: boolean;
  private latestPlay: string | null = null;
  private holding: string | null = null;
  private handoff: 'target' | 'voicemail' | null = null;
  private transferAccepted = false;
  private answerState: 'none' | 'pending' | 'sent' | 'redirected' = 'none';
  private lastToneSeq: number | null = null;
  private keepAliveTimer: NodeJS.Timeout | null = null;
  private prefetch: Promise<Prompt[]>;
  private setPrefetchList!: (prompts: Prompt[]) => void;

  constructor(private readonly opts: GraphCallPortOptions) {
    this.isEstablished = opts.established;
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
    this.media = this.gate;
    this.prefetch = new Promise((resolve) => {
      this.setPrefetchList = resolve;
    });
    if (opts.established) {
      this.openGate(true);
      this.startKeepAlive();
    }
  }

  get callId(): string {
    return this.opts.requests.callId;
  }

  get tenantId(): string {
    return this.opts.tenantId;
  }

  /** Prompts to prefetch on answer, known once the handler has started the session. */
  setPrefetch(prompts: Prompt[]): void {
    this.setPrefetchList(prompts.filter((p) => p.kind === 'audio' || !p.text.includes('{{')));
  }

  /**
   * Answers after the commands of the same flow step: a flow that sends the caller on before playing
   * anything (closed → forward to a number) redirects the unanswered call instead (call-redirect.md), so
   * the call is never answered by the bot at all.
   */
  async answer(): Promise<void> {
    this.answerState = 'pending';
    await new Promise((resolve) => setImmediate(resolve));
    if (this.answerState !== 'pending' || this.disposed) return;
    this.answerState = 'sent';
    const media = await this.prefetchMedia();
    if (this.disposed) return; // rejected or gone while the prompts rendered
    await this.opts.requests.answer(this.opts.callbackUri, media);
  }

  /** Takes over a pending answer for a redirect: true when the call is still unanswered. */
  private redirectInstead(): boolean {
    if (this.answerState !== 'pending') return false;
    this.answerState = 'redirected';
    return true;
  }

  private async redirect(target: InvitationParticipantInfo, handoff: 'target' | 'voicemail'): Promise<void> {
    this.handoff = handoff;
    // The call leaves the bot when Graph connects the target: its termination is a hand-off.
    this.transferAccepted = true;
    await this.opts.requests.redirect([target], this.opts.callbackUri);
  }

  async play(prompt: Prompt): Promise<void> {
    await this.whenEstablished(async () => {
      if (this.holding) await this.cancelMedia();
      const media = await this.opts.prompts.mediaFor(prompt);
      const id = randomUUID();
      this.knowsMedia = true;
      this.latestPlay = id;
      await this.opts.requests.playPrompt([media], encodePurpose({ kind: 'play', id }));
    });
  }

  async stopPlayback(): Promise<void> {
    await this.whenEstablished(() => this.cancelMedia());
  }

  /**
   * Graph's playPrompt has no loop option (call-playprompt.md lists prompts and clientContext only), so
   * hold plays the prompt and plays it again each time it completes, until the next command.
   */
  async hold(prompt?: Prompt): Promise<void> {
    await this.whenEstablished(async () => {
      if (this.holding) await this.cancelMedia();
      const path = prompt ? await this.opts.prompts.pathFor(prompt) : this.opts.holdMusicPath;
      await this.playHold(path);
    });
  }

  async transfer(target: TransferTarget): Promise<void> {
    const unanswered = this.redirectInstead();
    const transferTarget = await this.targetFor(target);
    if (unanswered) return this.redirect(transferTarget, 'target');
    await this.whenEstablished(async () => {
      await this.endHold();
      this.handoff = 'target';
      this.transferAccepted = false;
      await this.opts.requests.transfer(transferTarget, encodePurpose({ kind: 'transfer', to: 'target' }));
    });
  }

  /**
   * Graph may not record call audio for this purpose, so voicemail is a transfer to the mailbox owner's
   * voicemail: `endpointType: "voicemail"` on the transfer target (invitationparticipantinfo.md). A flow's
   * greeting plays first; the mailbox's own greeting and length limit then apply (maxLengthSeconds cannot be
   * set through Graph).
   */
  async voicemail(params: ActionParams['voicemail']): Promise<void> {
    const unanswered = !params.greeting && this.redirectInstead();
    const userId = await this.mailboxOwner(params.mailbox);
    if (unanswered) return this.redirect(identity('user', userId, 'voicemail'), 'voicemail');
    await this.whenEstablished(async () => {
      await this.endHold();
      this.handoff = 'voicemail';
      this.transferAccepted = false;
      if (params.greeting) {
        const media = await this.opts.prompts.mediaFor(params.greeting);
        await this.opts.requests.playPrompt([media], encodePurpose({ kind: 'greeting', userId }));
        return;
      }
      await this.transferToVoicemail(userId);
    });
  }

  async hangup(reason: string): Promise<void> {
    this.stopKeepAlive();
    this.opts.logger.info({ reason }, 'hanging up');
    await this.opts.requests.hangup();
  }

  /** The call reached `established`: subscribe to tones so DTMF flows, then let media commands run. */
  async onEstablished(): Promise<void> {
    if (this.isEstablished) return;
    this.isEstablished = true;
    this.startKeepAlive();
    try {
      await this.opts.requests.subscribeToTone(encodePurpose({ kind: 'tone' }));
    } catch (error) {
      this.opts.logger.error({ err: error }, 'subscribeToTone failed: the caller’s keys will not be heard');
    }
    this.openGate(true);
  }

  /** Engine events for an update or deletion of the call resource. */
  eventsForCall(changeType: 'created' | 'updated' | 'deleted', call: CallResource): CallEvent[] {
    const events: CallEvent[] = [];
    const tone = call.toneInfo;
    if (tone) {
      const seq = tone.sequenceId ?? null;
      // Graph may deliver a notification twice; sequenceId orders the key presses.
      const fresh = seq === null || this.lastToneSeq === null || seq > this.lastToneSeq;
      if (seq !== null && fresh) this.lastToneSeq = seq;
      const digit = TONES[tone.tone];
      if (fresh && digit) events.push({ type: 'DTMF', digit });
    }
    if (call.state === 'transferAccepted') this.transferAccepted = true;
    if (changeType === 'deleted' || call.state === 'terminated') {
      events.push(this.endedEvent(call));
      return events;
    }
    // A failed transfer leaves the call established with the failure in resultInfo (call-transfer.md).
    if (call.state === 'established' && call.resultInfo && call.resultInfo.code >= 400) {
      const reason = `${call.resultInfo.code}/${call.resultInfo.subcode} ${call.resultInfo.message}`.trim();
      if (this.handoff !== 'voicemail') events.push({ type: 'TRANSFER_FAILED', reason });
      // Not knowing (after a restart) sends both: the flow is in one node, which handles only its own event.
      if (this.handoff !== 'target') events.push({ type: 'VOICEMAIL_FAILED', reason });
      this.handoff = null;
    }
    return events;
  }

  /** Engine events for an operation notification, by the purpose its clientContext names. */
  eventsForOperation(operation: OperationResource): CallEvent[] {
    if (operation.status !== 'completed' && operation.status !== 'failed') return [];
    const purpose = decodePurpose(operation.clientContext);
    if (!purpose) return [];
    const canceled =
      operation.completionReason === 'operationCanceled' ||
      (operation.status === 'failed' && operation.resultInfo?.subcode === 8508);
    if (operation.status === 'failed' && !canceled)
      this.opts.logger.warn(
        { purpose: purpose.kind, resultInfo: operation.resultInfo },
        'a media operation failed; carrying on as if it had finished',
      );
    switch (purpose.kind) {
      case 'play': {
        if (canceled) return [];
        const current = this.latestPlay === purpose.id || !this.knowsMedia;
        return current ? [{ type: 'PROMPT_DONE' }] : [];
      }
      case 'hold':
        if (!canceled && (this.holding === purpose.uri || !this.knowsMedia))
          this.background(() => this.playHold(purpose.uri), 'replaying hold music');
        return [];
      case 'greeting':
        if (canceled) return [];
        this.handoff = 'voicemail';
        this.background(() => this.transferToVoicemail(purpose.userId), 'transfer to voicemail');
        return [];
      default:
        return [];
    }
  }

  /** The call ended: no more commands go to Graph. */
  dispose(): void {
    this.disposed = true;
    this.stopKeepAlive();
    this.openGate(false);
    this.setPrefetchList([]);
  }

  private endedEvent(call: CallResource): CallEvent {
    const handedOff =
      call.resultInfo?.subcode === 7015 ||
      call.terminationReason === 'AppTransferred' ||
      (this.handoff !== null && this.transferAccepted);
    return handedOff ? { type: 'HANDED_OFF' } : { type: 'HANGUP' };
  }

  private async whenEstablished(command: () => Promise<void>): Promise<void> {
    const run = this.media.then(async () => {
      if (await this.gate) await command();
    });
    // The chain goes on after a failed command; the failure is reported to the engine through `run`.
    this.media = run.catch(() => {});
    await run;
  }

  private async cancelMedia(): Promise<void> {
    this.knowsMedia = true;
    this.holding = null;
    this.latestPlay = null;
    await this.opts.requests.cancelMediaProcessing(encodePurpose({ kind: 'cancel' }));
  }

  private async endHold(): Promise<void> {
    if (this.holding) await this.cancelMedia();
  }

  private async playHold(path: string): Promise<void> {
    this.knowsMedia = true;
    this.holding = path;
    await this.opts.requests.playPrompt(
      [this.opts.prompts.mediaAt(path)],
      encodePurpose({ kind: 'hold', uri: path }),
    );
  }

  private async transferToVoicemail(userId: string): Promise<void> {
    await this.opts.requests.transfer(
      identity('user', userId, 'voicemail'),
      encodePurpose({ kind: 'transfer', to: 'voicemail' }),
    );
  }

  private async targetFor(target: TransferTarget): Promise<InvitationParticipantInfo> {
    switch (target.kind) {
      case 'teamsUser':
        return identity('user', await this.userId(target.user));
      case 'phone':
        return identity('phone', target.number);
      case 'sip':
        throw new UnsupportedTargetError(
          `Graph cannot transfer to the SIP address ${target.uri}; use a Teams user or an E.164 number`,
        );
      case 'flow':
        throw new UnsupportedTargetError(
          `a transfer to flow ${target.flowId} is the runtime's to do; the Graph adapter only reaches people`,
        );
    }
  }

  private async mailboxOwner(mailbox: ActionParams['voicemail']['mailbox']): Promise<string> {
    // A shared mailbox is an Entra user object too; its voicemail is reached like a person's.
    return this.userId(mailbox.kind === 'user' ? mailbox.user : { upn: mailbox.address });
  }

  private async userId(user: TeamsUser): Promise<string> {
    return 'objectId' in user ? user.objectId : userObjectId(this.opts.client, user.upn);
  }

  private async prefetchMedia(): Promise<MediaRef[]> {
    const budget = this.opts.prefetchBudgetMs ?? 3_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), budget);
    });
    try {
      const prompts = await Promise.race([this.prefetch, late]);
      if (prompts === 'late') return [];
      const settled = prompts.map((p) =>
        this.opts.prompts.mediaFor(p).then(
          (m) => m,
          () => null,
        ),
      );
      // Whatever is not rendered within the budget is fetched by Graph when it is first played.
      const media = await Promise.all(settled.map((s) => Promise.race([s, late.then(() => null)])));
      return media.filter((m): m is MediaRef => m !== null);
    } finally {
      clearTimeout(timer);
    }
  }

  private background(command: () => Promise<void>, what: string): void {
    command().catch((error: unknown) => this.opts.logger.error({ err: error }, `${what} failed`));
  }

  private startKeepAlive(): void {
    if (this.keepAliveTimer) return;
    this.keepAliveTimer = setInterval(() => {
      this.opts.requests.keepAlive().catch((error: { statusCode?: number }) => {
        // "Attempting to send a request to a call that has already ended will result in a 404".
        if (error.statusCode === 404) {
          this.stopKeepAlive();
          this.opts.onGone();
        } else this.opts.logger.warn({ err: error }, 'keepAlive failed; retrying at the next interval');
      });
    }, this.opts.keepAliveMs);
    this.keepAliveTimer.unref();
  }

  private stopKeepAlive(): void {
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = null;
  }
}
