import { type FlowDocument, getNodeType, type Problem } from '@parley/flow-schema';
import { CircleAlert, CircleCheck } from 'lucide-react';
import { memo } from 'react';
import styles from '../designer.module.css';

/** The validator's problems, grouped by node; choosing one selects its node and focuses its field. */
export const ProblemsPanel = memo(function ProblemsPanel({
  document,
  byNode,
  pending,
  onPick,
}: {
  document: FlowDocument;
  byNode: ReadonlyMap<string, Problem[]>;
  pending: boolean;
  onPick(problem: Problem): void;
}) {
  if (byNode.size === 0) {
    return (
      <p className={styles.panelEmpty} role="status">
        <CircleCheck size={14} aria-hidden="true" />{' '}
        {pending ? 'Checking…' : 'No problems: this flow can be published.'}
      </p>
    );
  }
  const titles = new Map(
    document.nodes.map((n) => [n.id, n.label?.trim() || getNodeType(n.type)?.meta.label || n.type]),
  );
  return (
    <div className={styles.problems} aria-busy={pending}>
      {[...byNode.entries()].map(([nodeId, problems]) => (
        <section key={nodeId || 'flow'} className={styles.problemGroup}>
          <h3 className={styles.problemGroupTitle}>
            {nodeId ? (
              <>
                {titles.get(nodeId) ?? nodeId} <code>{nodeId}</code>
              </>
            ) : (
              'Flow'
            )}
          </h3>
          <ul>
            {problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their order
              <li key={i}>
                <button type="button" className={styles.problemItem} onClick={() => onPick(p)}>
                  <CircleAlert size={13} aria-hidden="true" className={styles.problemIcon} />
                  <span>{p.message}</span>
                  {p.field && <code className={styles.muted}>{p.field}</code>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
});
