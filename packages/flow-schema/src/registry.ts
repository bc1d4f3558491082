import type { NodeType } from './node-type';
import { businessHoursNode } from './nodes/businessHours';
import { collectDigitsNode } from './nodes/collectDigits';
import { conditionNode } from './nodes/condition';
import { directoryNode } from './nodes/directory';
import { hangupNode } from './nodes/hangup';
import { httpRequestNode } from './nodes/httpRequest';
import { menuNode } from './nodes/menu';
import { playPromptNode } from './nodes/playPrompt';
import { queueNode } from './nodes/queue';
import { setVariableNode } from './nodes/setVariable';
import { startNode } from './nodes/start';
import { transferNode } from './nodes/transfer';
import { voicemailNode } from './nodes/voicemail';

/** Every node type Parley knows, in palette order. Registering a new type is one line here. */
export const nodeTypes: readonly NodeType[] = [
  startNode,
  playPromptNode,
  menuNode,
  collectDigitsNode,
  businessHoursNode,
  conditionNode,
  setVariableNode,
  httpRequestNode,
  queueNode,
  transferNode,
  voicemailNode,
  directoryNode,
  hangupNode,
] as unknown as readonly NodeType[];

const byType = new Map(nodeTypes.map((t) => [t.type, t]));

/** The node type registered under a name, if any. */
export function getNodeType(type: string): NodeType | undefined {
  return byType.get(type);
}
