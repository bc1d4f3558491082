import { type FlowNode, getNodeType, type NodeType, type OutcomeSpec } from '@parley/flow-schema';
import { type DesignerReferences, referenceName } from '../references';

/** The node type every call enters by: it has no incoming handle and there is one per flow. */
export const START_TYPE = 'start';

/** One exit of a node as the canvas draws it. */
export interface OutcomeView extends OutcomeSpec {
  /** The admin chose to end the call on this outcome instead of wiring it. */
  ends: boolean;
  /** An edge leaves by this outcome but the node no longer has it (a menu key was changed). */
  stale: boolean;
}

/** What the canvas shows of one node: derived from the node alone (and the tenant's names). */
export interface NodeView {
  title: string;
  typeLabel: string;
  icon: string;
  summary: string;
  outcomes: OutcomeView[];
  hasTarget: boolean;
}

/** The outcomes of a node, even when its data does not pass its schema yet (best effort). */
export function nodeOutcomes(
  node: FlowNode,
  type: NodeType | undefined = getNodeType(node.type),
): OutcomeSpec[] {
  if (!type) return [];
  const parsed = type.data.safeParse(node.data);
  try {
    return type.outcomes(parsed.success ? parsed.data : node.data);
  } catch {
    return [];
  }
}

/** The display model of a node; `wired` are the outcomes its edges leave by. */
export function nodeView(node: FlowNode, refs: DesignerReferences, wired: readonly string[] = []): NodeView {
  const type = getNodeType(node.type);
  const typeLabel = type?.meta.label ?? `Unknown type "${node.type}"`;
  const outcomes: OutcomeView[] = nodeOutcomes(node, type).map((o) => ({
    ...o,
    ends: node.endCallOn.includes(o.name),
    stale: false,
  }));
  const known = new Set(outcomes.map((o) => o.name));
  for (const name of wired) {
    if (!known.has(name)) {
      known.add(name);
      outcomes.push({ name, label: `${name} (gone)`, ends: false, stale: true });
    }
  }
  return {
    title: node.label?.trim() || typeLabel,
    typeLabel,
    icon: type?.meta.icon ?? 'circle-help',
    summary: summarize(node.data, refs),
    outcomes,
    hasTarget: node.type !== START_TYPE,
  };
}

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

function describePrompt(prompt: unknown, refs: DesignerReferences): string | null {
  if (!isObject(prompt)) return null;
  if (prompt.kind === 'tts' && typeof prompt.text === 'string') return `“${prompt.text}”`;
  if (prompt.kind === 'audio' && typeof prompt.promptId === 'string')
    return `Audio: ${referenceName(refs, 'prompt', prompt.promptId) || 'not chosen'}`;
  return null;
}

function describeTarget(target: unknown, refs: DesignerReferences): string | null {
  if (!isObject(target)) return null;
  if (isObject(target.user)) return String(target.user.upn ?? target.user.objectId ?? '');
  if (typeof target.number === 'string') return target.number;
  if (typeof target.uri === 'string') return target.uri;
  if (typeof target.flowId === 'string') return `Flow: ${referenceName(refs, 'flow', target.flowId)}`;
  if (typeof target.address === 'string') return target.address;
  return null;
}

/**
 * A one-line summary read from the shape of a node's data (its prompt, queue, target, URL…), so a
 * new node type gets a sensible line without a case here.
 */
export function summarize(data: Data, refs: DesignerReferences): string {
  const readers: (() => string | null)[] = [
    () => describePrompt(data.prompt, refs),
    () =>
      typeof data.queueId === 'string'
        ? `Queue: ${data.queueId ? referenceName(refs, 'queue', data.queueId) : 'not chosen'}`
        : null,
    () => describeTarget(data.target, refs),
    () => (describeTarget(data.mailbox, refs) ? `Mailbox: ${describeTarget(data.mailbox, refs)}` : null),
    () => (typeof data.url === 'string' ? `${String(data.method ?? 'GET')} ${data.url}` : null),
    () =>
      isObject(data.schedule)
        ? data.schedule.kind === 'ref'
          ? `Schedule: ${referenceName(refs, 'schedule', String(data.schedule.scheduleId ?? ''))}`
          : `Hours: ${Object.keys(isObject(data.schedule.weekly) ? data.schedule.weekly : {}).join(' ') || 'closed all week'}`
        : null,
    () =>
      Array.isArray(data.assignments)
        ? data.assignments
            .filter(isObject)
            .map((a) => `${String(a.variable)} = ${String(a.value)}`)
            .join(', ')
        : null,
    () =>
      Array.isArray(data.branches)
        ? data.branches
            .filter(isObject)
            .map((b) => String(b.label || b.id))
            .join(' · ')
        : null,
    () => (Array.isArray(data.entries) ? `${data.entries.length} people` : null),
    () => (typeof data.reason === 'string' ? `Reason: ${data.reason}` : null),
  ];
  for (const read of readers) {
    const line = read();
    if (line) return line;
  }
  return '';
}
