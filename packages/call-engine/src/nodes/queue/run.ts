import type { Effect } from '../../effects';

/** Puts the caller in a queue; the router answers with QUEUE_* events or HANDED_OFF. */
export const enqueue: Effect<'enqueue'> = (call, p) => {
  call.record('queued', { queueId: p.queueId, priority: p.priority }, call.nodeId ?? undefined);
  call.queues.enqueue(
    { ...p, callId: call.callId, tenantId: call.tenantId },
    // What the router records (offers, answers) belongs to the queue node the caller waits in.
    {
      send: call.send,
      record: (type, data, nodeId) => call.record(type, data, nodeId ?? call.nodeId ?? undefined),
    },
  );
};

/** Takes the caller out of the queue: answered elsewhere, timed out, or hung up. */
export const leaveQueue: Effect<'leaveQueue'> = (call) => call.queues.leave(call.callId);
