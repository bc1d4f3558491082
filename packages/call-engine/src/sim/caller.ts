import type { CallEvent, Prompt } from '@parley/flow-schema';
import type { QueueRouter, TelephonyPort } from '../port';
import type { VirtualClock } from './clock';

/** How a scripted caller (and the agents they reach) behave in a simulated call. */
export interface CallerScript {
  /** What the caller types each time they are asked, in order: `['1', '1234#']`. */
  digits?: string[];
  /** The caller hangs up this long after the call starts. */
  hangUpAfterMs?: number;
  /** Agents of any queue: answer, never answer (the caller waits until the queue times out), none, or full. */
  agents?: 'answer' | 'noAnswer' | 'none' | 'overflow';
  agentAnswerAfterMs?: number;
  /** How long the caller talks to an agent before the agent leaves. */
  talkMs?: number;
  transferFails?: boolean;
  /** Pause between a prompt ending and the caller starting to type. */
  thinkMs?: number;
}

/** Node types at which a caller's keys mean something. */
const INPUT_NODES = new Set(['menu', 'collectDigits', 'directory']);

/**
 * A caller and a telephony network in one, on a virtual clock: prompts take time to hear, keys are
 * typed after a prompt ends at a node that asks for them, transfers and agents behave as scripted.
 */
export class SimulatedCaller implements TelephonyPort, QueueRouter {
  private playing: number | null = null;
  private readonly digits: string[];
  private queueTimer: number | null = null;
  readonly heard: string[] = [];
  hungUpBy: 'flow' | null = null;
  send: (event: CallEvent) => void = () => {};
  currentNodeType: () => string | null = () => null;

  constructor(
    private readonly clock: VirtualClock,
    private readonly script: CallerScript = {},
  ) {
    this.digits = [...(script.digits ?? [])];
  }

  /** Starts the caller's own clock-driven behavior (hanging up at a set time). */
  begin(): void {
    if (this.script.hangUpAfterMs !== undefined)
      this.clock.setTimeout(() => this.send({ type: 'HANGUP' }), this.script.hangUpAfterMs);
  }

  async answer(): Promise<void> {}

  async play(prompt: Prompt): Promise<void> {
    this.stop();
    const text = prompt.kind === 'tts' ? prompt.text : `[audio ${prompt.promptId}]`;
    this.heard.push(text);
    // Roughly the pace of speech, so timeouts and barge-in land where they would on a phone.
    const ms = Math.max(500, text.length * 60);
    this.playing = this.clock.setTimeout(() => {
      this.playing = null;
      this.send({ type: 'PROMPT_DONE' });
      this.typeWhenAsked();
    }, ms);
  }

  async stopPlayback(): Promise<void> {
    this.stop();
  }

  async hold(): Promise<void> {}

  async transfer(): Promise<void> {
    this.stop();
    this.clock.setTimeout(
      () =>
        this.send(
          this.script.transferFails ? { type: 'TRANSFER_FAILED', reason: 'busy' } : { type: 'HANDED_OFF' },
        ),
      1000,
    );
  }

  async voicemail(): Promise<void> {
    this.stop();
    this.clock.setTimeout(() => this.send({ type: 'HANDED_OFF' }), 1000);
  }

  async hangup(): Promise<void> {
    this.stop();
    this.hungUpBy = 'flow';
  }

  enqueue(
    _request: unknown,
    call: {
      send(event: CallEvent): void;
      record: (type: 'agent.answered', data: Record<string, string>) => void;
    },
  ): void {
    const agents = this.script.agents ?? 'answer';
    if (agents === 'none' || agents === 'overflow') {
      call.send({ type: agents === 'none' ? 'QUEUE_NO_AGENTS' : 'QUEUE_OVERFLOW' });
      return;
    }
    if (agents === 'noAnswer') return;
    this.queueTimer = this.clock.setTimeout(() => {
      call.record('agent.answered', { agentId: 'sim-agent' });
      call.send({ type: 'QUEUE_ANSWERED', agentId: 'sim-agent' });
      this.queueTimer = this.clock.setTimeout(
        () => call.send({ type: 'AGENT_LEFT' }),
        this.script.talkMs ?? 60_000,
      );
    }, this.script.agentAnswerAfterMs ?? 20_000);
  }

  leave(): void {
    if (this.queueTimer !== null) this.clock.clearTimeout(this.queueTimer);
    this.queueTimer = null;
  }

  private stop(): void {
    if (this.playing !== null) this.clock.clearTimeout(this.playing);
    this.playing = null;
  }

  private typeWhenAsked(): void {
    if (this.digits.length === 0) return;
    this.clock.setTimeout(() => {
      if (!INPUT_NODES.has(this.currentNodeType() ?? '') || this.digits.length === 0) return;
      const keys = this.digits.shift()!;
      [...keys].forEach((digit, i) => {
        this.clock.setTimeout(() => this.send({ type: 'DTMF', digit }), i * 250);
      });
    }, this.script.thinkMs ?? 800);
  }
}
