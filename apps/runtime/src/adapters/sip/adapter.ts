import type { TelephonyPort } from '@parley/call-engine';
import type { CallEvent } from '@parley/flow-schema';
import { PromptCache } from '@parley/rtp';
import { type IncomingCall, SipEndpoint } from '@parley/sip';
import type { Logger } from 'pino';
import type { IncomingCall as ReportedCall } from '../../calls/manager';
import type { SipAdapterConfig } from './config';
import { normaliseNumber } from './numbers';
import { SipCallPort } from './port';

/** The call manager as the SIP adapter sees it. */
export interface SipCallHandler {
  incoming(call: ReportedCall, port: TelephonyPort): Promise<{ send: (event: CallEvent) => void } | null>;
}

/** Seconds an SBC should wait before retrying when we cannot take a call (503). */
const RETRY_AFTER_SECONDS = 30;

/**
 * Takes inbound Direct Routing calls: a SIP endpoint (OPTIONS answered by the endpoint itself) whose
 * INVITEs are routed by the Request-URI's number. Unbound numbers get 404; a failure to start the call 503.
 */
export class SipAdapter {
  private readonly ports = new Set<SipCallPort>();

  private constructor(
    readonly endpoint: SipEndpoint,
    private readonly handler: SipCallHandler,
    private readonly config: SipAdapterConfig,
    private readonly prompts: PromptCache,
    private readonly logger: Logger,
  ) {
    endpoint.on('invite', (call) => void this.onInvite(call));
  }

  /** Starts the SIP listener (UDP only in this slice). */
  static async start(config: SipAdapterConfig, handler: SipCallHandler, logger: Logger): Promise<SipAdapter> {
    const endpoint = await SipEndpoint.start({
      host: config.host,
      bindAddress: config.bindAddress,
      udp: { port: config.udpPort },
      tcp: false,
      tls: false,
    });
    return new SipAdapter(endpoint, handler, config, new PromptCache(config.promptCacheDir), logger);
  }

  /** The UDP port SIP listens on. */
  get udpPort(): number {
    const port = this.endpoint.ports.udp;
    if (port === undefined) throw new Error('the SIP endpoint has no UDP listener');
    return port;
  }

  /** Hangs up the calls in progress (their media lives in this process) and closes the listener. */
  async close(): Promise<void> {
    await Promise.all([...this.ports].map((port) => port.leave().catch(() => {})));
    await this.endpoint.close();
  }

  private async onInvite(call: IncomingCall): Promise<void> {
    const called = normaliseNumber(call.called);
    const caller = normaliseNumber(call.caller) ?? 'anonymous';
    const logger = this.logger.child({ sipCallId: call.callId });
    if (!called) {
      call.reject(404);
      return;
    }
    const port = new SipCallPort({ call, called, config: this.config, prompts: this.prompts, logger });
    let live: Awaited<ReturnType<SipCallHandler['incoming']>>;
    try {
      live = await this.handler.incoming({ channel: 'sip', externalId: call.callId, caller, called }, port);
    } catch (error) {
      logger.error({ err: error, called }, 'the call could not be started');
      if (call.state === 'pending')
        call.reject(503, { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } });
      return;
    }
    if (!live) {
      if (call.state === 'pending') call.reject(404);
      return;
    }
    this.ports.add(port);
    port.attach(live.send);
    port.onEnd(() => this.ports.delete(port));
  }
}
