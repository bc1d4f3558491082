import { canonicalizer, canonicalKeys } from './canonical';
import type { ActionJson, StateJson, TransitionJson, TransitionsJson } from './machine/json';
import { action } from './node-type';

/** Events that only come after the caller has spent time: a prompt heard, a key pressed, a timer run out. */
const WAITED_EVENTS = new Set(['PROMPT_DONE', 'DTMF']);

/**
 * A node's state as the machine stores it: in canonical form (see `canonicalize`), with `resetSteps`
 * added to every transition taken after the caller has spent time, at any depth of the state. The
 * runaway count then measures steps taken without waiting, whatever the node type. One walk does both.
 */
export function machineState(state: StateJson): StateJson {
  return new MachineState().state(state);
}

class MachineState {
  private readonly canonical = canonicalizer();
  /** Transitions already given their reset: a list a node uses in several states stays one list. */
  private readonly reset = new Map<TransitionsJson, TransitionsJson>();
  private readonly resetSteps: ActionJson = action('resetSteps');

  state(state: StateJson): StateJson {
    const out: Record<string, unknown> = {};
    for (const key of canonicalKeys(state)) {
      const value = (state as Record<string, unknown>)[key];
      let next: unknown;
      if (key === 'on' && isObject(value)) next = this.transitionsByKey(value, WAITED_EVENTS);
      else if (key === 'after' && isObject(value)) next = this.transitionsByKey(value, null);
      else if (key === 'states' && isObject(value)) next = this.children(value);
      else next = this.canonical(value);
      if (next !== undefined) out[key] = next;
    }
    return out as StateJson;
  }

  private children(states: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of canonicalKeys(states)) {
      const child = states[key];
      const next = isObject(child) ? this.state(child) : this.canonical(child);
      if (next !== undefined) out[key] = next;
    }
    return out;
  }

  /** Event or delay -> transitions; those under `waited` (every one, when null) get the reset. */
  private transitionsByKey(
    byKey: Record<string, unknown>,
    waited: ReadonlySet<string> | null,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of canonicalKeys(byKey)) {
      const t = byKey[key];
      const next = isObject(t) && (!waited || waited.has(key)) ? this.withReset(t) : this.canonical(t);
      if (next !== undefined) out[key] = next;
    }
    return out;
  }

  private withReset(t: TransitionsJson): TransitionsJson {
    let done = this.reset.get(t);
    if (!done) {
      const canonical = this.canonical(t);
      done = Array.isArray(canonical)
        ? canonical.map((one) => (isObject(one) ? this.resetFirst(one) : one))
        : this.resetFirst(canonical);
      this.reset.set(t, done);
    }
    return done;
  }

  /** A canonical transition with `resetSteps` before its actions, its keys still in canonical order. */
  private resetFirst(t: TransitionJson): TransitionJson {
    const actions = [this.resetSteps, ...(t.actions ?? [])];
    const out: Record<string, unknown> = {};
    let placed = false;
    // Keys that are array indices come first but sort before `actions` anyway.
    for (const key of Object.keys(t)) {
      if (key === 'actions') continue;
      if (!placed && key > 'actions') {
        out.actions = actions;
        placed = true;
      }
      out[key] = (t as Record<string, unknown>)[key];
    }
    if (!placed) out.actions = actions;
    return out as TransitionJson;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
