import type { CompiledFlow, InlineSchedule } from '@parley/flow-schema';
import type { CallRecord, EndedBy } from '../records';
import { CallSession } from '../session';
import { type CallerScript, SimulatedCaller } from './caller';
import { VirtualClock } from './clock';

export interface SimulationResult {
  records: CallRecord[];
  /** The nodes the call went through and the outcome it left each by. */
  path: { nodeId: string; outcome: string }[];
  endedBy: EndedBy | 'stuck';
  /** Where the call was when it ended (a node id, or a `$` state). */
  finalState: string | null;
  durationMs: number;
  heard: string[];
}

/**
 * Runs one whole call of a compiled flow with a scripted caller on a virtual clock: the same engine
 * and machine as a live call, with no telephony and no waiting.
 */
export async function simulateCall(
  compiled: CompiledFlow,
  script: CallerScript = {},
  opts: { at?: Date; schedules?: Record<string, InlineSchedule>; fetch?: typeof fetch; maxMs?: number } = {},
): Promise<SimulationResult> {
  const clock = new VirtualClock((opts.at ?? new Date()).getTime());
  const caller = new SimulatedCaller(clock, script);
  const records: CallRecord[] = [];
  let nodeType: string | null = null;
  const session = CallSession.start({
    compiled,
    identity: { tenantId: 'sim', callId: 'sim-call', flowId: 'sim-flow', version: 0 },
    call: {
      callId: 'sim-call',
      caller: '+14255550100',
      called: '+14255550199',
      channel: 'sim',
      startedAt: clock.now().toISOString(),
    },
    port: caller,
    queues: caller,
    sink: {
      write: (r) => {
        records.push(r);
        if (r.type === 'node.entered') nodeType = String(r.data.nodeType);
      },
    },
    clock,
    now: () => clock.now(),
    schedule: (id) => opts.schedules?.[id],
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  caller.send = (event) => session.send(event);
  caller.currentNodeType = () => nodeType;
  caller.begin();

  const maxMs = opts.maxMs ?? 3_600_000;
  let idle = 0;
  while (!session.done && clock.elapsed <= maxMs) {
    await settle();
    if (session.done) break;
    if (clock.next()) {
      idle = 0;
      continue;
    }
    // Nothing scheduled: the call may be waiting on real I/O (an HTTP request) — give it real time.
    if (++idle > 300) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await settle();
  return {
    records,
    path: records
      .filter((r) => r.type === 'node.left')
      .map((r) => ({ nodeId: r.nodeId!, outcome: String(r.data.outcome) })),
    endedBy: session.done ? await session.ended() : 'stuck',
    finalState: session.nodeId,
    durationMs: clock.elapsed,
    heard: caller.heard,
  };
}

/** Lets queued microtasks (events fed back by effects) run before time moves on. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
