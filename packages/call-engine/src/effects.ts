import type { ActionParams } from '@parley/flow-schema';
import type { CallRuntime } from './runtime';

/** How one effect action is performed for a call. */
export type Effect<K extends keyof ActionParams> = (call: CallRuntime, params: ActionParams[K]) => void;

export type EffectName =
  | 'answer'
  | 'play'
  | 'hold'
  | 'stopPlayback'
  | 'httpRequest'
  | 'enqueue'
  | 'leaveQueue'
  | 'transfer'
  | 'voicemail'
  | 'directoryLookup'
  | 'hangup'
  | 'raiseError';

export type Effects = { [K in EffectName]: Effect<K> };

const promptSummary = (p: ActionParams['play']['prompt']) =>
  p.kind === 'tts' ? { text: p.text } : { promptId: p.promptId };

/** Effects every call has, whatever its node types. Node-specific effects live in nodes/<type>/run.ts. */
export const coreEffects: Pick<
  Effects,
  'answer' | 'play' | 'hold' | 'stopPlayback' | 'hangup' | 'raiseError'
> = {
  answer: (call) => call.run('answer', () => call.port.answer()),
  play: (call, p) => {
    const prompt = call.fill(p.prompt);
    call.record('prompt.played', promptSummary(prompt), call.nodeId ?? undefined);
    // A prompt that cannot be played must not strand the caller: carry on as if it had been heard.
    call.run(
      'play',
      () => call.port.play(prompt, { bargeIn: p.bargeIn }),
      () => call.send({ type: 'PROMPT_DONE' }),
    );
  },
  hold: (call, p) => call.run('hold', () => call.port.hold(p.prompt && call.fill(p.prompt))),
  stopPlayback: (call) => call.run('stopPlayback', () => call.port.stopPlayback()),
  hangup: (call, p) => call.run('hangup', () => call.port.hangup(p.reason)),
  raiseError: (call, p) =>
    call.record('error', { code: p.code, message: p.message }, call.nodeId ?? undefined),
};
