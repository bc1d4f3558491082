import type { QueueRouter, RecordFn, TelephonyPort } from '@parley/call-engine';
import type { ActionParams, CallEvent, Prompt, TransferTarget } from '@parley/flow-schema';

/** Something the network or an agent has to answer in a simulated call; the admin answers it with a button. */
export type PendingKind = 'transfer' | 'voicemail' | 'queue' | 'agent' | 'http';

export interface PendingAction {
  kind: PendingKind;
  /** What is waiting, in words: the transfer target, the queue, the URL. */
  detail: string;
}

/** The answers the admin can give to each kind of pending action. */
export const CHOICES: Record<PendingKind, { id: string; label: string }[]> = {
  transfer: [
    { id: 'transferConnects', label: 'Transfer connects' },
    { id: 'transferFails', label: 'Transfer fails' },
  ],
  voicemail: [
    { id: 'voicemailRecorded', label: 'Message recorded' },
    { id: 'voicemailFails', label: 'Mailbox fails' },
  ],
  queue: [
    { id: 'agentAnswers', label: 'Agent answers' },
    { id: 'noAgents', label: 'No agents' },
    { id: 'queueFull', label: 'Queue full' },
  ],
  agent: [{ id: 'agentLeaves', label: 'Agent leaves' }],
  http: [
    { id: 'httpOk', label: 'Answer 200' },
    { id: 'httpError', label: 'Answer 500' },
    { id: 'httpNetwork', label: 'Network error' },
  ],
};

export type LineKind = 'prompt' | 'hold' | 'system';

/** What the simulated network tells the panel. */
export interface TelephonyListener {
  line(kind: LineKind, text: string): void;
  pending(action: PendingAction | null): void;
}

const describeTarget = (t: TransferTarget): string => {
  switch (t.kind) {
    case 'teamsUser':
      return 'upn' in t.user ? t.user.upn : t.user.objectId;
    case 'phone':
      return t.number;
    case 'sip':
      return t.uri;
    case 'flow':
      return `flow ${t.flowId}`;
  }
};

const promptText = (p: Prompt) => (p.kind === 'tts' ? p.text : `[audio prompt ${p.promptId}]`);

/**
 * The telephony network of the designer's simulator: prompts become lines of a transcript and are
 * heard at once; transfers, voicemail, queues and web requests wait for the admin to say what happens.
 */
export class BrowserTelephony implements TelephonyPort, QueueRouter {
  /** Delivers an event to the call; set once the call exists. */
  send: (event: CallEvent) => void = () => {};
  private playback = 0;
  private waiting: PendingAction | null = null;
  private queueCall: { send(event: CallEvent): void; record: RecordFn } | null = null;
  private httpAnswer: ((choice: string) => void) | null = null;

  constructor(private readonly listener: TelephonyListener) {}

  async answer(): Promise<void> {
    this.listener.line('system', 'Call answered');
  }

  async play(prompt: Prompt): Promise<void> {
    const token = ++this.playback;
    this.listener.line('prompt', promptText(prompt));
    // Heard at once: time in the simulator only passes when the admin moves the clock.
    queueMicrotask(() => {
      if (token === this.playback) this.send({ type: 'PROMPT_DONE' });
    });
  }

  async stopPlayback(): Promise<void> {
    this.playback++;
  }

  async hold(prompt?: Prompt): Promise<void> {
    this.listener.line('hold', prompt ? `On hold: ${promptText(prompt)}` : 'Music on hold');
  }

  async transfer(target: TransferTarget): Promise<void> {
    this.playback++;
    this.wait({ kind: 'transfer', detail: describeTarget(target) });
  }

  async voicemail(params: ActionParams['voicemail']): Promise<void> {
    this.playback++;
    if (params.greeting) this.listener.line('prompt', promptText(params.greeting));
    const mailbox =
      params.mailbox.kind === 'shared' ? params.mailbox.address : describeMailbox(params.mailbox);
    this.wait({ kind: 'voicemail', detail: mailbox });
  }

  async hangup(reason: string): Promise<void> {
    this.playback++;
    this.listener.line('system', `The flow hung up (${reason})`);
    this.wait(null);
  }

  enqueue(request: { queueId: string }, call: { send(event: CallEvent): void; record: RecordFn }): void {
    this.queueCall = call;
    this.wait({ kind: 'queue', detail: request.queueId });
  }

  leave(): void {
    this.queueCall = null;
    if (this.waiting?.kind === 'queue' || this.waiting?.kind === 'agent') this.wait(null);
  }

  /** A `fetch` for the call's web requests: the admin picks the answer. */
  readonly fetch: typeof fetch = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      this.wait({ kind: 'http', detail: `${init?.method ?? 'GET'} ${url}` });
      this.httpAnswer = (choice) => {
        if (choice === 'httpNetwork') reject(new TypeError('network error (simulated)'));
        else
          resolve(
            new Response(choice === 'httpOk' ? this.httpBody : '{"error":"simulated"}', {
              status: choice === 'httpOk' ? 200 : 500,
              headers: { 'content-type': 'application/json' },
            }),
          );
      };
    });

  /** The JSON a simulated 200 answer carries. */
  httpBody = '{}';

  /** The admin's answer to the pending action (one of its CHOICES ids). */
  choose(choice: string): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.wait(null);
    switch (choice) {
      case 'transferConnects':
      case 'voicemailRecorded':
        this.send({ type: 'HANDED_OFF' });
        return;
      case 'transferFails':
        this.send({ type: 'TRANSFER_FAILED', reason: 'busy (simulated)' });
        return;
      case 'voicemailFails':
        this.send({ type: 'VOICEMAIL_FAILED', reason: 'mailbox unavailable (simulated)' });
        return;
      case 'agentAnswers':
        this.queueCall?.record('agent.answered', { agentId: 'sim-agent' });
        this.queueCall?.send({ type: 'QUEUE_ANSWERED', agentId: 'sim-agent' });
        this.wait({ kind: 'agent', detail: 'talking to sim-agent' });
        return;
      case 'noAgents':
        this.queueCall?.send({ type: 'QUEUE_NO_AGENTS' });
        return;
      case 'queueFull':
        this.queueCall?.send({ type: 'QUEUE_OVERFLOW' });
        return;
      case 'agentLeaves':
        this.queueCall?.send({ type: 'AGENT_LEFT' });
        return;
      default:
        this.httpAnswer?.(choice);
        this.httpAnswer = null;
    }
  }

  private wait(action: PendingAction | null): void {
    this.waiting = action;
    this.listener.pending(action);
  }
}

function describeMailbox(mailbox: { user: { upn: string } | { objectId: string } }): string {
  return 'upn' in mailbox.user ? mailbox.user.upn : mailbox.user.objectId;
}
