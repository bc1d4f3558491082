/**
 * What a Graph operation was started for, carried in its `clientContext`. Graph echoes `clientContext` on the
 * operation's notifications (call-playprompt.md, commsoperation.md), so a completion is understood by any
 * process — also one started after the runtime restarted mid-call — without in-memory bookkeeping.
 * Graph allows at most 256 characters.
 */
export type OperationPurpose =
  /** A prompt the flow is waiting on: its completion is `PROMPT_DONE`. `id` tells stale completions apart. */
  | { kind: 'play'; id: string }
  /** Music or a prompt on hold, replayed when it completes; `uri` is relative to the public base URL. */
  | { kind: 'hold'; uri: string }
  /** A voicemail greeting: when it ends, the call goes to `userId`'s voicemail. */
  | { kind: 'greeting'; userId: string }
  | { kind: 'tone' }
  | { kind: 'cancel' }
  | { kind: 'transfer'; to: 'target' | 'voicemail' };

const PREFIX = 'parley';
export const CLIENT_CONTEXT_MAX = 256;

/** The clientContext for an operation; throws if it would not fit Graph's 256 characters. */
export function encodePurpose(purpose: OperationPurpose): string {
  const parts = [PREFIX, purpose.kind];
  if (purpose.kind === 'play') parts.push(purpose.id);
  if (purpose.kind === 'hold') parts.push(purpose.uri);
  if (purpose.kind === 'greeting') parts.push(purpose.userId);
  if (purpose.kind === 'transfer') parts.push(purpose.to);
  const text = parts.join('|');
  if (text.length > CLIENT_CONTEXT_MAX)
    throw new RangeError(`clientContext is ${text.length} characters; Graph allows ${CLIENT_CONTEXT_MAX}`);
  return text;
}

/** Reads a clientContext back; null for one Parley did not write. */
export function decodePurpose(clientContext: string | null | undefined): OperationPurpose | null {
  const text = clientContext ?? '';
  if (!text.startsWith(`${PREFIX}|`)) return null;
  const body = text.slice(PREFIX.length + 1);
  const bar = body.indexOf('|');
  const kind = bar < 0 ? body : body.slice(0, bar);
  const rest = bar < 0 ? '' : body.slice(bar + 1);
  switch (kind) {
    case 'play':
      return rest ? { kind, id: rest } : null;
    case 'hold':
      return rest ? { kind, uri: rest } : null;
    case 'greeting':
      return rest ? { kind, userId: rest } : null;
    case 'tone':
    case 'cancel':
      return { kind };
    case 'transfer':
      return rest === 'target' || rest === 'voicemail' ? { kind, to: rest } : null;
    default:
      return null;
  }
}
