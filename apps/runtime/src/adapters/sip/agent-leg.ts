import { type G711, type RtpPacket, RtpSession } from '@parley/rtp';
import { type Dialog, type PeerAddress, type SipEndpoint, SipRequestFailedError } from '@parley/sip';
import type { Logger } from 'pino';
import type { SipAdapterConfig } from './config';

/** How an agent leg is placed: who is rung, as whom, and the caller's media to bridge to. */
export interface AgentLegOptions {
  endpoint: SipEndpoint;
  config: SipAdapterConfig;
  /** The agent's Request-URI: `sip:+E164@<sbc>;user=phone` or the agent's SIP URI. */
  uri: string;
  /** The caller as the agent's phone shows it (a name-addr). */
  from: string;
  /** The next hop when the Request-URI alone does not lead through the SBC. */
  target?: PeerAddress;
  /** The caller's codec: the agent leg offers it alone, so the bridge relays without transcoding. */
  codec: G711;
  /** How long the agent's phone may ring. */
  alertTimeoutMs: number;
  /** Aborted when the caller leaves the queue meanwhile: the ringing is cancelled. */
  signal: AbortSignal;
  logger: Logger;
}

/** Why an agent leg ended after it was answered. */
export type AgentLegEnd = 'agent-hung-up' | 'caller-hung-up' | 'media-lost';

/**
 * The agent side of a B2BUA bridge: an INVITE toward the agent (through the SBC), its RTP session, and the
 * relay of audio both ways with the caller's RTP session once the agent answers. Either side's BYE ends the
 * bridge; the owner learns which through `ended`.
 */
export class AgentLeg {
  private unbridge: (() => void) | undefined;
  private endedBy: AgentLegEnd | undefined;
  private readonly endListeners: ((by: AgentLegEnd) => void)[] = [];

  private constructor(
    private readonly dialog: Dialog,
    private readonly rtp: RtpSession,
    private readonly codec: G711,
    private readonly logger: Logger,
  ) {
    dialog.on('media', (negotiated) =>
      rtp.setRemote({ address: negotiated.remote.address, port: negotiated.remote.port }),
    );
    dialog.on('terminated', (reason) => {
      if (reason === 'local-bye') return;
      this.finish(reason === 'remote-bye' ? 'agent-hung-up' : 'media-lost');
    });
  }

  /**
   * Rings the agent. Resolves with the answered leg, or null when the agent declined, was busy, did not
   * answer within the alert timeout, or the caller left the queue meanwhile (the INVITE is cancelled).
   */
  static async ring(opts: AgentLegOptions): Promise<AgentLeg | null> {
    const { config, logger } = opts;
    const rtp = await RtpSession.open({
      codec: opts.codec,
      telephoneEventPayloadType: 101,
      symmetric: true,
      bind: {
        address: config.rtpBind.address,
        ...(config.rtpBind.portRange ? { portRange: config.rtpBind.portRange } : {}),
      },
    });
    if (opts.signal.aborted) {
      await rtp.close();
      return null;
    }
    const invite = opts.endpoint.invite({
      uri: opts.uri,
      from: opts.from,
      media: {
        address: config.mediaAddress,
        port: rtp.local.port,
        codecs: [opts.codec],
        telephoneEventPayload: 101,
      },
      ...(opts.target ? { target: opts.target } : {}),
    });
    const cancel = () => invite.cancel();
    const timer = setTimeout(cancel, opts.alertTimeoutMs);
    opts.signal.addEventListener('abort', cancel);
    try {
      const answered = await invite.answered;
      const media = answered.negotiated;
      if (opts.signal.aborted || !media) {
        if (!media) logger.warn({ uri: opts.uri }, 'the agent answered without usable G.711 media');
        await answered.dialog.bye().catch(() => {});
        await rtp.close();
        return null;
      }
      rtp.setRemote({ address: media.remote.address, port: media.remote.port });
      return new AgentLeg(answered.dialog, rtp, opts.codec, logger);
    } catch (error) {
      const status = error instanceof SipRequestFailedError ? error.status : undefined;
      logger.info(
        { uri: opts.uri, status, err: status ? undefined : error },
        'the agent did not take the call',
      );
      await rtp.close();
      return null;
    } finally {
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', cancel);
    }
  }

  /** Relays audio both ways between the caller's RTP session and the agent's; the caller's keys reach the agent. */
  bridge(caller: RtpSession, callerCodec: G711): void {
    this.unbridge?.();
    const toAgent = (packet: RtpPacket) => this.rtp.relay(packet, callerCodec);
    const toCaller = (packet: RtpPacket) => caller.relay(packet, this.codec);
    const keys = ({ key }: { key: string }) => {
      if (!this.rtp.playing) this.rtp.sendDtmf(key).catch(() => {});
    };
    caller.on('audio', toAgent);
    caller.on('dtmf', keys);
    this.rtp.on('audio', toCaller);
    this.unbridge = () => {
      caller.off('audio', toAgent);
      caller.off('dtmf', keys);
      this.rtp.off('audio', toCaller);
    };
  }

  /** Runs once when the bridge ends (either side); at once if it has ended. */
  onEnd(listener: (by: AgentLegEnd) => void): void {
    if (this.endedBy) listener(this.endedBy);
    else this.endListeners.push(listener);
  }

  /** The caller left: the agent's leg is hung up with BYE. */
  async hangup(): Promise<void> {
    if (this.endedBy) return;
    this.finish('caller-hung-up');
    await this.dialog
      .bye()
      .catch((error: Error) => this.logger.warn({ err: error }, 'BYE to the agent failed'));
  }

  private finish(by: AgentLegEnd): void {
    if (this.endedBy) return;
    this.endedBy = by;
    this.unbridge?.();
    this.unbridge = undefined;
    void this.rtp.close();
    for (const listener of this.endListeners.splice(0)) listener(by);
  }
}
