import { type FlowDocument, type FlowNode, getNodeType, type Problem } from '@parley/flow-schema';
import { memo, useMemo } from 'react';
import styles from '../designer.module.css';
import type { NodeView } from '../graph/node-view';
import { NodeIcon } from '../palette/node-icon';
import type { DesignerReferences } from '../references';
import { formFor } from './field-descriptors';
import { type FormContext, SchemaForm } from './schema-form';
import type { FieldPath } from './value-path';

const formCache = new Map<string, ReturnType<typeof formFor>>();
const formOf = (type: string) => {
  let form = formCache.get(type);
  if (!form) {
    const nodeType = getNodeType(type);
    form = nodeType ? formFor(nodeType.data) : [];
    formCache.set(type, form);
  }
  return form;
};

export interface NodeEdits {
  setData(nodeId: string, path: FieldPath, value: unknown): void;
  setLabel(nodeId: string, label: string): void;
  setEndsCall(nodeId: string, outcome: string, ends: boolean): void;
}

/** The selected node's editor: label, a form generated from its type's data schema, and its outcomes. */
export const NodeInspector = memo(function NodeInspector({
  node,
  view,
  document,
  problems,
  references,
  readOnly,
  edits,
}: {
  node: FlowNode;
  view: NodeView;
  document: FlowDocument;
  problems: readonly Problem[];
  references: DesignerReferences;
  readOnly: boolean;
  edits: NodeEdits;
}) {
  const type = getNodeType(node.type);
  const fields = formOf(node.type);
  const errors = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const p of problems) {
      if (!p.field) continue;
      map.set(p.field, [...(map.get(p.field) ?? []), p.message]);
    }
    return map;
  }, [problems]);
  const variables = useMemo(() => document.variables.map((v) => v.name), [document.variables]);
  const ctx = useMemo<FormContext>(
    () => ({
      idPrefix: `node-${node.id}`,
      errors,
      references,
      variables,
      readOnly,
      onChange: (path, value) => edits.setData(node.id, path, value),
    }),
    [node.id, errors, references, variables, readOnly, edits],
  );
  const wired = useMemo(() => {
    const map = new Map<string, string>();
    for (const e of document.edges) if (e.source === node.id) map.set(e.outcome, e.target);
    return map;
  }, [document.edges, node.id]);
  const general = problems.filter((p) => !p.field);

  return (
    <div className={styles.inspectorBody}>
      <header className={styles.inspectorHeader}>
        <NodeIcon name={view.icon} size={18} />
        <div>
          <h2 className={styles.inspectorTitle}>{view.title}</h2>
          <p className={styles.muted}>
            {view.title === view.typeLabel ? 'Node' : view.typeLabel} <code>{node.id}</code>
          </p>
        </div>
      </header>
      {type && <p className={styles.fieldHelp}>{type.meta.help}</p>}
      {general.map((p) => (
        <p key={p.code + p.message} className={styles.fieldError} role="status">
          {p.message}
        </p>
      ))}
      <div className={styles.field}>
        <label htmlFor={`node-${node.id}-label`} className={styles.fieldLabel}>
          Label
        </label>
        <input
          id={`node-${node.id}-label`}
          data-field="label"
          type="text"
          value={node.label ?? ''}
          placeholder={view.typeLabel}
          maxLength={200}
          disabled={readOnly}
          onChange={(e) => edits.setLabel(node.id, e.target.value)}
        />
      </div>
      <SchemaForm fields={fields} value={node.data} ctx={ctx} />
      {view.outcomes.length > 0 && (
        <fieldset className={styles.group} data-field="endCallOn" tabIndex={-1}>
          <legend className={styles.groupLegend}>Outcomes</legend>
          <p className={styles.fieldHelp}>
            Wire each outcome to a node on the canvas, or end the call there.
          </p>
          {(errors.get('endCallOn') ?? []).map((m) => (
            <p key={m} className={styles.fieldError}>
              {m}
            </p>
          ))}
          {view.outcomes.map((o) => {
            const id = `node-${node.id}-ends-${o.name}`;
            const outcomeErrors = errors.get(`outcomes.${o.name}`);
            return (
              <div key={o.name} className={styles.outcomeRow}>
                <div className={styles.fieldInline}>
                  <input
                    id={id}
                    type="checkbox"
                    data-field={`outcomes.${o.name}`}
                    checked={o.ends}
                    disabled={readOnly || o.stale}
                    aria-describedby={outcomeErrors ? `${id}-error` : undefined}
                    onChange={(e) => edits.setEndsCall(node.id, o.name, e.target.checked)}
                  />
                  <label htmlFor={id}>
                    End the call on <strong>{o.label}</strong>
                  </label>
                </div>
                <span className={styles.muted}>
                  {wired.has(o.name) ? `→ ${wired.get(o.name)}` : o.ends ? 'ends the call' : 'not wired'}
                </span>
                {outcomeErrors?.map((m) => (
                  <p key={m} id={`${id}-error`} className={styles.fieldError}>
                    {m}
                  </p>
                ))}
              </div>
            );
          })}
        </fieldset>
      )}
    </div>
  );
});
