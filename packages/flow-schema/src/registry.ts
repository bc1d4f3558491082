import type { NodeType } from './node-type';
import { hangupNode } from './nodes/hangup';
import { menuNode } from './nodes/menu';
import { playPromptNode } from './nodes/playPrompt';
import { startNode } from './nodes/start';

/** Every node type Parley knows, in palette order. Registering a new type is one line here. */
export const nodeTypes: readonly NodeType[] = [
  startNode,
  playPromptNode,
  menuNode,
  hangupNode,
] as unknown as readonly NodeType[];

const byType = new Map(nodeTypes.map((t) => [t.type, t]));

/** The node type registered under a name, if any. */
export function getNodeType(type: string): NodeType | undefined {
  return byType.get(type);
}
