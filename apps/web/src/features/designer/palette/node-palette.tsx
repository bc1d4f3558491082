import { type EditorMeta, type NodeType, nodeTypes } from '@parley/flow-schema';
import { memo, useMemo } from 'react';
import styles from '../designer.module.css';
import { NodeIcon } from './node-icon';

/** The drag payload type: a node type name dropped on the canvas. */
export const NODE_TYPE_MIME = 'application/x-parley-node-type';

const CATEGORY_ORDER: EditorMeta['category'][] = ['Call', 'Caller input', 'Logic', 'Routing', 'Integration'];

/** The node types of the registry, by category: drag one onto the canvas, or click (Enter) to add it. */
export const NodePalette = memo(function NodePalette({
  onAdd,
  disabled,
}: {
  onAdd: (type: string) => void;
  disabled: boolean;
}) {
  const groups = useMemo(() => {
    const by = new Map<string, NodeType[]>();
    for (const t of nodeTypes) by.set(t.meta.category, [...(by.get(t.meta.category) ?? []), t]);
    return [...by.entries()].sort(
      ([a], [b]) =>
        CATEGORY_ORDER.indexOf(a as EditorMeta['category']) -
        CATEGORY_ORDER.indexOf(b as EditorMeta['category']),
    );
  }, []);
  return (
    <nav className={styles.palette} aria-label="Node types">
      {groups.map(([category, types]) => (
        <section key={category} className={styles.paletteGroup}>
          <h3 className={styles.paletteHeading}>{category}</h3>
          <ul className={styles.paletteList}>
            {types.map((t) => (
              <li key={t.type}>
                <button
                  type="button"
                  className={styles.paletteItem}
                  draggable={!disabled}
                  disabled={disabled}
                  title={t.meta.help}
                  data-node-type={t.type}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(NODE_TYPE_MIME, t.type);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(t.type)}
                >
                  <NodeIcon name={t.meta.icon} />
                  <span>{t.meta.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
});
