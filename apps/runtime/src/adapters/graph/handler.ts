import type { TelephonyPort } from '@parley/call-engine';
import type { CallEvent, Prompt } from '@parley/flow-schema';

/** An incoming Teams call as the Graph notification describes it. */
export interface GraphIncomingCall {
  /** Graph's call id (the `{id}` of `/communications/calls/{id}`). */
  callId: string;
  /** The caller: E.164 number for PSTN callers (`identity.phone.id`), else the Entra user/guest/app id. */
  caller: string;
  callerName?: string;
  /**
   * Who was called: the application instance (resource account) id for calls to the bot's phone number,
   * the application id for calls to the bot itself (`targets[0].identity` in the documented payloads).
   */
  called: string;
  /** The customer tenant of the call. */
  tenantId: string;
}

/** A running call, as far as the adapter is concerned. */
export interface GraphCallSession {
  send(event: CallEvent): void;
  /**
   * Prompts worth fetching before the first one plays: rendered and given to Graph as
   * `serviceHostedMediaConfig.preFetchMedia` on answer. Prompts with `{{placeholders}}` are skipped.
   */
  prefetch?: Prompt[];
}

/**
 * What the runtime implements for the Graph adapter: routing (called → tenant → live version), starting or
 * resuming the call engine session on the given port.
 */
export interface GraphCallHandler {
  /** A new call: start its session, or return null to have the call rejected. */
  incoming(call: GraphIncomingCall, port: TelephonyPort): Promise<GraphCallSession | null>;
  /**
   * A notification for a call this process does not hold (the runtime restarted mid-call): reload the
   * call's checkpoint and resume its session on `port`; null when the call is unknown (answered 404).
   */
  resume(graphCallId: string, port: TelephonyPort): Promise<GraphCallSession | null>;
}
