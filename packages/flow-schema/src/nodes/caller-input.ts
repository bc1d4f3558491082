import type { ActionJson, StateJson, TransitionJson } from '../machine/json';
import { action, guard, type NodeProblem, type Reference, type VariableUse } from '../node-type';
import type { Prompt } from '../prompt';
import { promptReads, promptReferences } from '../prompt-uses';

/** What the prompt fields of a node refer to and read, by field name. */
export function promptUses(fields: Record<string, Prompt | undefined>): {
  references: Reference[];
  reads: VariableUse[];
} {
  const entries = Object.entries(fields);
  return {
    references: entries.flatMap(([field, prompt]) => promptReferences(prompt, field)),
    reads: entries.flatMap(([field, prompt]) => promptReads(prompt, field)),
  };
}

/**
 * Another try while attempts remain (to `retryState` of the node `self`), else the give-up outcome: how
 * menus, digit collection and the directory treat silence and wrong input.
 */
export function retryOr(
  self: string,
  retries: number,
  retryState: string,
  giveUp: TransitionJson,
  actions: ActionJson[] = [],
): TransitionJson[] {
  return [
    {
      guard: guard('attemptsBelow', { max: retries }),
      target: `${self}.${retryState}`,
      actions: [...actions, action('countAttempt')],
    },
    giveUp,
  ];
}

/**
 * A retry state: plays its apology (when there is one), then the node's prompt again. With `keys`, a
 * caller may answer during the apology (barge-in).
 */
export function replayState(self: string, apology: Prompt | undefined, keys?: TransitionJson[]): StateJson {
  if (!apology) return { always: { target: `${self}.prompt` } };
  return {
    entry: [action('play', { prompt: apology, bargeIn: keys !== undefined })],
    on: { PROMPT_DONE: { target: `${self}.prompt` }, ...(keys ? { DTMF: keys } : {}) },
  };
}

/** A problem for each item whose key an earlier item has already (menu keys, branch ids, extensions). */
export function duplicatesOf<T>(
  items: readonly T[],
  key: (item: T) => string,
  field: (index: number) => string,
  what: string,
): NodeProblem[] {
  const seen = new Set<string>();
  return items.flatMap((item, i) => {
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      return [];
    }
    return [{ field: field(i), code: 'invalid-value' as const, message: `${what} ${k} is used twice` }];
  });
}

/** How a node that takes several keys collects them (digit collection, the directory). */
export interface DigitEntry {
  /** Keys pressed while the prompt plays stop it (barge-in) or, without `stop`, just count. */
  onKey(stop: boolean): TransitionJson[];
  /** Transient state after a key: input is complete at `maxDigits`, else wait for more. */
  collected: StateJson;
  /** Waiting for the next key; a pause of `interDigitMs` completes input. */
  more: StateJson;
}

/**
 * Keys go into the digit buffer until `maxDigits`, the terminator (not kept) or a pause, then the node
 * moves to its `complete` state; the node names both states and its own timeouts.
 */
export function digitEntry(
  self: string,
  opts: { terminator: string | null; maxDigits: number; interDigitMs: number; complete: string },
): DigitEntry {
  const complete = `${self}.${opts.complete}`;
  const stopping = (stop: boolean) => (stop ? [action('stopPlayback')] : []);
  const onKey = (stop: boolean): TransitionJson[] => [
    ...(opts.terminator
      ? [{ guard: guard('digitIs', { digit: opts.terminator }), target: complete, actions: stopping(stop) }]
      : []),
    { target: `${self}.collected`, actions: [...stopping(stop), action('appendDigit')] },
  ];
  return {
    onKey,
    collected: {
      always: [
        { guard: guard('digitsAtLeast', { min: opts.maxDigits }), target: complete },
        { target: `${self}.more` },
      ],
    },
    more: { on: { DTMF: onKey(false) }, after: { [String(opts.interDigitMs)]: { target: complete } } },
  };
}

/** Milliseconds of a seconds setting, as the `after` key XState reads. */
export const afterSeconds = (seconds: number): string => String(Math.round(seconds * 1000));
