import { type AnyStateMachine, type AnyStateNode, createMachine } from 'xstate';
import type { CompiledFlow } from '../src';

/**
 * Builds the compiled JSON with XState itself (which resolves every target, throwing on a bad one) and
 * returns the ids of the states a call can reach from the initial state: over-approximate inside a
 * compound state, exact between nodes.
 */
export function reachableStateIds(compiled: CompiledFlow): Set<string> {
  const machine: AnyStateMachine = createMachine(compiled.machine as never);
  const seen = new Set<AnyStateNode>();
  const queue: AnyStateNode[] = [machine.root];
  const visit = (node: AnyStateNode | undefined) => {
    for (let n = node; n && !seen.has(n); n = n.parent) queue.push(n);
  };
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.type === 'compound') node.initial.target.forEach(visit);
    const transitions = [...Object.values(node.on).flat(), ...(node.always ?? []), ...node.after];
    for (const t of transitions) t.target?.forEach(visit);
  }
  return new Set([...seen].map((n) => n.id));
}
