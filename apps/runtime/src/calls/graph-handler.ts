import type { GraphCallHandler } from '../adapters/graph';
import type { CallManager } from './manager';

/** The Graph adapter's view of the call manager: Graph call ids are the calls' external ids. */
export function graphCallHandler(manager: CallManager): GraphCallHandler {
  return {
    incoming: async (call, port) => {
      const live = await manager.incoming(
        {
          channel: 'graph',
          externalId: call.callId,
          caller: call.caller,
          ...(call.callerName ? { callerName: call.callerName } : {}),
          called: call.called,
        },
        port,
      );
      return live && { send: live.send, prefetch: live.prefetch };
    },
    resume: async (graphCallId, port) => {
      const live = await manager.resume('graph', graphCallId, port);
      return live && { send: live.send };
    },
  };
}
