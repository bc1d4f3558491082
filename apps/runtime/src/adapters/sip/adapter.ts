import type { TelephonyPort } from '@parley/call-engine';
import type { CallEvent } from '@parley/flow-schema';
import { contactOf, type IncomingCall, SipEndpoint, topViaOf } from '@parley/sip';
import type { Logger } from 'pino';
import type { IncomingCall as ReportedCall } from '../../calls/manager';
import type { SipAdapterConfig } from './config';
import { LoadGauge } from './load-gauge';
import { normaliseNumber } from './numbers';
import { type RecordingStore, SipCallPort } from './port';
import type { SipPrompts } from './prompts';

/** The call manager as the SIP adapter sees it. */
export interface SipCallHandler {
  incoming(
    call: ReportedCall,
    port: TelephonyPort,
  ): Promise<{ callId: string; send: (event: CallEvent) => void } | null>;
}

/** What the adapter needs of the rest of the runtime. */
export interface SipAdapterServices {
  handler: SipCallHandler;
  trunks: TrunkLookup;
  recordings: RecordingStore;
  prompts: SipPrompts;
}

/** Finds the trunk (and so the tenant) of an INVITE by the SBC's FQDN or source address. */
export type TrunkLookup = (source: {
  address: string;
  hosts: string[];
}) => Promise<{ id: string; tenantId: string; name: string } | null>;

/** Seconds an SBC should wait before retrying when we cannot take a call (503). */
const RETRY_AFTER_SECONDS = 30;

/**
 * Takes inbound Direct Routing calls: a SIP endpoint (OPTIONS answered by the endpoint itself) whose
 * INVITEs are routed by the Request-URI's number. Unbound numbers get 404; a failure to start the call 503.
 */
export class SipAdapter {
  private readonly ports = new Set<SipCallPort>();
  private readonly load = new LoadGauge();

  private constructor(
    readonly endpoint: SipEndpoint,
    private readonly services: SipAdapterServices,
    private readonly config: SipAdapterConfig,
    private readonly logger: Logger,
  ) {
    endpoint.on('invite', (call) => void this.onInvite(call));
  }

  /** Starts the SIP listeners (UDP, TCP, TLS as configured). */
  static async start(
    config: SipAdapterConfig,
    services: SipAdapterServices,
    logger: Logger,
  ): Promise<SipAdapter> {
    const { tls } = config;
    const endpoint = await SipEndpoint.start({
      host: config.host,
      bindAddress: config.bindAddress,
      udp: config.udpPort === false ? false : { port: config.udpPort },
      tcp: config.tcpPort === false ? false : { port: config.tcpPort },
      tls: tls
        ? {
            port: tls.port,
            ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
            verifyPeer: tls.verifyPeer,
          }
        : false,
    });
    return new SipAdapter(endpoint, services, config, logger);
  }

  /** Calls this adapter holds now, from INVITE to their end. */
  get activeCalls(): number {
    return this.ports.size;
  }

  /** The UDP port SIP listens on. */
  get udpPort(): number {
    return this.port('udp');
  }

  /** The port SIP listens on over a transport; throws when that transport is off. */
  port(protocol: 'udp' | 'tcp' | 'tls'): number {
    const port = this.endpoint.ports[protocol];
    if (port === undefined) throw new Error(`the SIP endpoint has no ${protocol.toUpperCase()} listener`);
    return port;
  }

  /** Hangs up the calls in progress (their media lives in this process) and closes the listener. */
  async close(): Promise<void> {
    await Promise.all([...this.ports].map((port) => port.leave().catch(() => {})));
    await this.endpoint.close();
    this.load.close();
  }

  /** Why no new call should be taken now, or null. */
  private overloaded(): string | null {
    if (this.ports.size >= this.config.maxCalls) return `at the call limit (${this.config.maxCalls})`;
    const lag = this.load.eventLoopLagMs;
    const limit = this.config.maxEventLoopLagMs;
    if (limit > 0 && lag > limit) return `the event loop runs ${Math.round(lag)} ms late`;
    return null;
  }

  private async onInvite(call: IncomingCall): Promise<void> {
    const called = normaliseNumber(call.called);
    const caller = normaliseNumber(call.caller) ?? 'anonymous';
    const logger = this.logger.child({ sipCallId: call.callId });
    if (!called) {
      call.reject(404);
      return;
    }
    let trunk: Awaited<ReturnType<TrunkLookup>>;
    try {
      trunk = await this.services.trunks(trunkSource(call));
    } catch (error) {
      logger.error({ err: error }, 'the trunk could not be looked up');
      call.reject(503, { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } });
      return;
    }
    if (!trunk) {
      const source = call.transaction.source;
      logger.warn({ source: `${source.address}:${source.port}`, called }, 'INVITE from an unknown SBC');
      call.reject(403, { reason: 'Unknown Trunk' });
      return;
    }
    const overloaded = this.overloaded();
    if (overloaded) {
      logger.warn(
        { calls: this.ports.size, why: overloaded },
        'overloaded; the SBC is asked to try elsewhere',
      );
      call.reject(503, { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } });
      return;
    }
    call.ring();
    const port = new SipCallPort({
      call,
      endpoint: this.endpoint,
      called,
      caller,
      tenantId: trunk.tenantId,
      recordings: this.services.recordings,
      config: this.config,
      prompts: this.services.prompts,
      logger,
    });
    // Counted from the start: calls being routed take media ports and engine time too.
    this.ports.add(port);
    port.onEnd(() => this.ports.delete(port));
    let live: Awaited<ReturnType<SipCallHandler['incoming']>>;
    try {
      live = await this.services.handler.incoming(
        { channel: 'sip', externalId: call.callId, caller, called, tenantId: trunk.tenantId },
        port,
      );
    } catch (error) {
      logger.error({ err: error, called }, 'the call could not be started');
      this.ports.delete(port);
      if (call.state === 'pending')
        call.reject(503, { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } });
      return;
    }
    if (!live) {
      this.ports.delete(port);
      if (call.state === 'pending') call.reject(404);
      return;
    }
    port.attach(live.send, live.callId);
  }
}

/** What names the SBC of an INVITE: its source address and the hosts in Contact, the top Via and From. */
function trunkSource(call: IncomingCall): { address: string; hosts: string[] } {
  const { request, transaction } = call;
  const hosts: string[] = [];
  const contact = contactOf(request);
  if (contact?.uri.scheme !== 'tel' && contact) hosts.push(contact.uri.host);
  try {
    hosts.push(topViaOf(request).host);
  } catch {
    // A request without a usable Via never reaches here; the address still decides.
  }
  if (call.from.uri.scheme !== 'tel') hosts.push(call.from.uri.host);
  return { address: transaction.source.address, hosts };
}
