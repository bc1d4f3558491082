import { Handle, type NodeProps, Position, useUpdateNodeInternals } from '@xyflow/react';
import { PhoneOff } from 'lucide-react';
import { memo, useEffect, useRef } from 'react';
import styles from '../designer.module.css';
import type { CanvasNode } from '../graph/flow-mapping';
import { NodeIcon } from '../palette/node-icon';

const HIGHLIGHT_CLASS = { added: styles.diffAdded, changed: styles.diffChanged, removed: styles.diffRemoved };

/**
 * One node on the canvas: icon, title, a one-line summary, and one handle per named outcome along
 * the bottom (ending outcomes are marked and take no wire). Memoized: only nodes whose document node
 * or decoration changed render again.
 */
export const FlowNodeCard = memo(function FlowNodeCard({ id, data, selected }: NodeProps<CanvasNode>) {
  const { view, decoration } = data;
  const updateNodeInternals = useUpdateNodeInternals();
  const handleKey = view.outcomes.map((o) => `${o.name}:${o.ends}`).join('|');
  const measuredKey = useRef(handleKey);
  // React Flow measures handles when a node mounts; a new or removed outcome must be measured again.
  // Not on mount itself: an early per-node update would let the initial fit-to-view see one node only.
  useEffect(() => {
    if (measuredKey.current === handleKey) return;
    measuredKey.current = handleKey;
    updateNodeInternals(id);
  }, [id, handleKey, updateNodeInternals]);

  const className = [
    styles.node,
    selected && styles.nodeSelected,
    decoration.problems > 0 && styles.nodeHasProblems,
    decoration.highlight && HIGHLIGHT_CLASS[decoration.highlight],
    decoration.sim === 'current' && styles.simCurrent,
    decoration.sim === 'visited' && styles.simVisited,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={className}
      data-node-id={id}
      data-sim={decoration.sim ?? undefined}
      data-diff={decoration.highlight ?? undefined}
    >
      {view.hasTarget && <Handle type="target" position={Position.Top} className={styles.targetHandle} />}
      <div className={styles.nodeHeader}>
        <NodeIcon name={view.icon} className={styles.nodeIcon} />
        <span className={styles.nodeTitle}>{view.title}</span>
        {decoration.problems > 0 && (
          <span
            className={styles.problemBadge}
            title={`${decoration.problems} problem(s): see Problems`}
            role="img"
            aria-label={`${decoration.problems} problems`}
          >
            {decoration.problems}
          </span>
        )}
      </div>
      {view.title !== view.typeLabel && <div className={styles.nodeType}>{view.typeLabel}</div>}
      {view.summary && <div className={styles.nodeSummary}>{view.summary}</div>}
      {view.outcomes.length > 0 && (
        <div className={styles.outcomes}>
          {view.outcomes.map((o) => (
            <div
              key={o.name}
              className={[styles.outcome, o.ends && styles.outcomeEnds, o.stale && styles.outcomeStale]
                .filter(Boolean)
                .join(' ')}
              title={o.ends ? `${o.label}: ends the call` : o.label}
            >
              {o.ends && <PhoneOff size={11} aria-label="ends the call" />}
              <span>{o.label}</span>
              <Handle
                type="source"
                id={o.name}
                position={Position.Bottom}
                isConnectable={!o.ends}
                className={o.ends ? styles.endedHandle : styles.sourceHandle}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
