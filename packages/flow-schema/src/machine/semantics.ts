import { evaluateCondition } from '../expression';
import { evaluateSchedule, type InlineSchedule } from '../schedule';
import { renderTemplate, type Scope } from '../template';
import type { ActionParams, CallEvent, GuardParams } from './contract';

export type Value = string | number | boolean | null;

/** What a call's actor remembers: flow variables, call data and the engine's counters. */
export interface CallContext {
  vars: Record<string, Value>;
  call: Record<string, Value>;
  /** Steps since the caller was last waited for (runaway protection). */
  steps: number;
  /** Failed attempts at the current node (menus, digit collection). */
  attempts: number;
  /** Keys collected so far (digit collection, directory, barge-in type-ahead). */
  digits: string;
}

/** What guards may ask of the world: the time, and tenant schedules by id. */
export interface GuardEnv {
  now(): Date;
  schedule(id: string): InlineSchedule | undefined;
}

type GuardImpl<P> = (context: CallContext, event: CallEvent, params: P, env: GuardEnv) => boolean;

const scope = (context: CallContext): Scope => ({ vars: context.vars, call: context.call });
const key = (event: CallEvent) => (event.type === 'DTMF' ? event.digit : null);

/**
 * The meaning of every guard a compiled machine names. Pure functions of the call's context and the
 * event, shared by the runtime, the designer's simulator and the tests, so no one re-implements them.
 */
export const guardSemantics: { [K in keyof GuardParams]: GuardImpl<GuardParams[K]> } = {
  stepLimitReached: (c, _e, p) => c.steps >= p.max,
  attemptsBelow: (c, _e, p) => c.attempts < p.max,
  digitIs: (_c, e, p) => key(e) === p.digit,
  digitsAtLeast: (c, _e, p) => c.digits.length >= p.min,
  scheduleIs: (_c, _e, p, env) => {
    const schedule = p.schedule.kind === 'inline' ? p.schedule : env.schedule(p.schedule.scheduleId);
    // A schedule that no longer exists reads as closed: the caller still reaches the closed branch.
    return schedule ? evaluateSchedule(schedule, env.now(), p.timezone) === p.state : false;
  },
  condition: (c, _e, p) => evaluateCondition(p.condition, scope(c)),
  httpOk: (_c, e) => e.type === 'HTTP_DONE' && e.status >= 200 && e.status < 300,
};

type ContextActionName =
  | 'leaveNode'
  | 'resetSteps'
  | 'resetAttempts'
  | 'countAttempt'
  | 'clearDigits'
  | 'appendDigit'
  | 'storeDigits'
  | 'setVariables'
  | 'storeHttpResponse';

type UpdateImpl<P> = (context: CallContext, event: CallEvent, params: P) => Partial<CallContext>;

/** How the actions that only change the call's context change it. Effects (play, transfer…) are the engine's. */
export const contextSemantics: { [K in ContextActionName]: UpdateImpl<ActionParams[K]> } = {
  leaveNode: (c) => ({ steps: c.steps + 1 }),
  resetSteps: () => ({ steps: 0 }),
  resetAttempts: () => ({ attempts: 0 }),
  countAttempt: (c) => ({ attempts: c.attempts + 1 }),
  clearDigits: () => ({ digits: '' }),
  appendDigit: (c, e) => ({ digits: c.digits + (key(e) ?? '') }),
  storeDigits: (c, _e, p) => ({ vars: { ...c.vars, [p.variable]: c.digits } }),
  setVariables: (c, _e, p) => {
    const vars = { ...c.vars };
    for (const a of p.assignments)
      vars[a.variable] = coerce(renderTemplate(a.value, scope({ ...c, vars })), a.type);
    return { vars };
  },
  storeHttpResponse: (c, e, p) => {
    if (e.type !== 'HTTP_DONE') return {};
    const vars = { ...c.vars };
    for (const m of p.mappings) vars[m.variable] = toValue(pick(e.body, m.path));
    return { vars };
  },
};

/** The names of the context-only actions, for engines that wire them with `assign`. */
export const CONTEXT_ACTIONS = Object.keys(contextSemantics) as ContextActionName[];

function coerce(text: string, type: 'string' | 'number' | 'boolean'): Value {
  if (type === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : null;
  }
  if (type === 'boolean') return text === 'true' || text === '1' || text === 'yes';
  return text;
}

/** Reads `a.b.0.c` out of parsed JSON; undefined when any step is missing. */
export function pick(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const part of path.split('.').filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function toValue(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
