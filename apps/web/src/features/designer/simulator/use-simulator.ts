import type { CallRecord, EndedBy } from '@parley/call-engine';
import { CallSession, VirtualClock } from '@parley/call-engine';
import { compileFlow, type FlowDocument, type InlineSchedule } from '@parley/flow-schema';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { takenKey } from '../graph/flow-mapping';
import { BrowserTelephony, type LineKind, type PendingAction } from './browser-telephony';

/** One line of the simulator's transcript. */
export interface TranscriptLine {
  id: number;
  /** Milliseconds into the call. */
  atMs: number;
  kind: LineKind | 'caller' | 'node' | 'error';
  text: string;
}

export interface SimulatorState {
  status: 'idle' | 'running' | 'ended';
  endedBy: EndedBy | null;
  /** Problems that keep the flow from compiling, when starting failed. */
  blocked: number;
  lines: TranscriptLine[];
  pending: PendingAction | null;
  currentNodeId: string | null;
  visited: ReadonlySet<string>;
  /** Edges taken, as `takenKey(source, outcome)`. */
  taken: ReadonlySet<string>;
  elapsedMs: number;
  startedAt: Date | null;
  /** The document the call runs: edits after the start do not reach it. */
  document: FlowDocument | null;
}

type Action =
  | { type: 'start'; at: Date; document: FlowDocument }
  | { type: 'blocked'; problems: number }
  | { type: 'line'; kind: TranscriptLine['kind']; text: string; atMs: number }
  | { type: 'record'; record: CallRecord; atMs: number }
  | { type: 'pending'; action: PendingAction | null }
  | { type: 'clock'; elapsedMs: number }
  | { type: 'reset' };

const initial: SimulatorState = {
  status: 'idle',
  endedBy: null,
  blocked: 0,
  lines: [],
  pending: null,
  currentNodeId: null,
  visited: new Set(),
  taken: new Set(),
  elapsedMs: 0,
  startedAt: null,
  document: null,
};

let lineId = 0;
const line = (s: SimulatorState, kind: TranscriptLine['kind'], text: string, atMs: number) => ({
  ...s,
  lines: [...s.lines, { id: ++lineId, atMs, kind, text }],
});

function reduce(s: SimulatorState, a: Action): SimulatorState {
  switch (a.type) {
    case 'reset':
      return initial;
    case 'start':
      return { ...initial, status: 'running', startedAt: a.at, document: a.document };
    case 'blocked':
      return { ...initial, blocked: a.problems };
    case 'line':
      return line(s, a.kind, a.text, a.atMs);
    case 'pending':
      return { ...s, pending: a.action };
    case 'clock':
      return { ...s, elapsedMs: a.elapsedMs };
    case 'record':
      return applyRecord(s, a.record, a.atMs);
  }
}

/** A queued record names its queue as the admin knows it, when the tenant's queues are known. */
function named(record: CallRecord, queueNames: ReadonlyMap<string, string>): CallRecord {
  const name = record.type === 'queued' ? queueNames.get(String(record.data.queueId)) : undefined;
  return name ? { ...record, data: { ...record.data, queueName: name } } : record;
}

/** How a call record shows in the panel and on the canvas. */
function applyRecord(s: SimulatorState, r: CallRecord, atMs: number): SimulatorState {
  switch (r.type) {
    case 'node.entered': {
      const visited = new Set(s.visited).add(r.nodeId!);
      return line({ ...s, currentNodeId: r.nodeId, visited }, 'node', `→ ${r.nodeId}`, atMs);
    }
    case 'node.left':
      return { ...s, taken: new Set(s.taken).add(takenKey(r.nodeId!, String(r.data.outcome))) };
    case 'digits.received':
      return line(s, 'caller', `Caller pressed ${String(r.data.digit)}`, atMs);
    case 'queued':
      return line(s, 'system', `Waiting in queue ${String(r.data.queueName ?? r.data.queueId)}`, atMs);
    case 'transferred':
      return line(s, 'system', `Transferring to ${String(r.data.name ?? r.data.target)}`, atMs);
    case 'http.request':
      return line(
        s,
        'system',
        `HTTP ${String(r.data.method)} ${r.data.status !== undefined ? `answered ${String(r.data.status)}` : `failed: ${String(r.data.error)}`}`,
        atMs,
      );
    case 'error':
      return line(
        s,
        'error',
        `${String(r.data.code)}: ${String(r.data.message ?? r.data.digits ?? '')}`,
        atMs,
      );
    case 'call.ended': {
      const by = r.data.by as EndedBy;
      return line(
        { ...s, status: 'ended', endedBy: by, pending: null, currentNodeId: null },
        'system',
        `Call ended (${by === 'handoff' ? 'handed off' : `by ${by}`})`,
        atMs,
      );
    }
    default:
      return s;
  }
}

export interface Simulator {
  state: SimulatorState;
  start(document: FlowDocument, at: Date): void;
  dtmf(digit: string): void;
  hangUp(): void;
  choose(choice: string): void;
  advance(ms: number): void;
  reset(): void;
  setHttpBody(body: string): void;
}

/** Runs the current flow in the browser on the real call engine, a virtual clock and a simulated network. */
export function useSimulator(
  schedules: Record<string, InlineSchedule>,
  queueNames: ReadonlyMap<string, string> = new Map(),
): Simulator {
  const [state, dispatch] = useReducer(reduce, initial);
  const queueNamesRef = useRef(queueNames);
  queueNamesRef.current = queueNames;
  const call = useRef<{ session: CallSession; clock: VirtualClock; network: BrowserTelephony } | null>(null);
  const schedulesRef = useRef(schedules);
  schedulesRef.current = schedules;

  const stop = useCallback(() => {
    const running = call.current;
    call.current = null;
    if (running && !running.session.done) running.session.detach();
  }, []);

  useEffect(() => stop, [stop]);

  const start = useCallback(
    (document: FlowDocument, at: Date) => {
      stop();
      const compiled = compileFlow(document);
      if (!compiled.ok) {
        dispatch({ type: 'blocked', problems: compiled.problems.length });
        return;
      }
      dispatch({ type: 'start', at, document });
      const clock = new VirtualClock(at.getTime());
      const network = new BrowserTelephony({
        line: (kind, text) => dispatch({ type: 'line', kind, text, atMs: clock.elapsed }),
        pending: (action) => dispatch({ type: 'pending', action }),
      });
      const session = CallSession.start({
        compiled: compiled.compiled,
        identity: { tenantId: 'designer', callId: 'simulated-call', flowId: 'draft', version: 0 },
        call: {
          callId: 'simulated-call',
          caller: '+14255550100',
          callerName: 'Simulated caller',
          called: '+14255550199',
          channel: 'sim',
          startedAt: at.toISOString(),
        },
        port: network,
        queues: network,
        sink: {
          write: (record) =>
            dispatch({ type: 'record', record: named(record, queueNamesRef.current), atMs: clock.elapsed }),
        },
        clock,
        now: () => clock.now(),
        schedule: (id) => schedulesRef.current[id],
        fetch: network.fetch,
      });
      network.send = (event) => session.send(event);
      call.current = { session, clock, network };
    },
    [stop],
  );

  const dtmf = useCallback((digit: string) => call.current?.session.send({ type: 'DTMF', digit }), []);
  const hangUp = useCallback(() => call.current?.session.send({ type: 'HANGUP' }), []);
  const choose = useCallback((choice: string) => call.current?.network.choose(choice), []);
  const setHttpBody = useCallback((body: string) => {
    if (call.current) call.current.network.httpBody = body;
  }, []);
  const advance = useCallback((ms: number) => {
    const running = call.current;
    if (!running) return;
    running.clock.advance(ms);
    dispatch({ type: 'clock', elapsedMs: running.clock.elapsed });
  }, []);
  const reset = useCallback(() => {
    stop();
    dispatch({ type: 'reset' });
  }, [stop]);

  return { state, start, dtmf, hangUp, choose, advance, reset, setHttpBody };
}
