'use client';

import '@xyflow/react/dist/style.css';
import type { FlowDocument, FlowSettings, FlowVariable, Problem } from '@parley/flow-schema';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { type KeyboardEvent, type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { type CanvasActions, FlowCanvas } from './canvas/flow-canvas';
import { useCanvasState } from './canvas/use-canvas-state';
import { useDesignerShortcuts } from './canvas/use-designer-shortcuts';
import { type DiffHighlight, useNodeDecorations, useNodeViews } from './canvas/use-node-decorations';
import styles from './designer.module.css';
import { autoLayout, type NodeSize } from './graph/auto-layout';
import { copyFragment, type FlowFragment, pasteFragment } from './graph/clipboard';
import {
  addNode,
  connectOutcome,
  moveNodes,
  removeElements,
  setEndsCall,
  updateNode,
} from './graph/document-edits';
import type { CanvasEdge, CanvasNode } from './graph/flow-mapping';
import { freeSpot } from './graph/free-spot';
import { useDocumentHistory } from './history/use-document-history';
import { type FlowEdits, FlowSettingsPanel } from './inspector/flow-settings';
import { type NodeEdits, NodeInspector } from './inspector/node-inspector';
import { type FocusRequest, useFieldFocus } from './inspector/use-field-focus';
import { pathKey, setIn } from './inspector/value-path';
import { NodePalette } from './palette/node-palette';
import { ProblemsPanel } from './problems/problems-panel';
import { useFlowProblems } from './problems/use-flow-problems';
import { type DesignerReferences, NO_REFERENCES, scheduleDefinitions } from './references';
import { SchedulePanel } from './schedule/schedule-panel';
import { SimulatorPanel } from './simulator/simulator-panel';
import { useSimulator } from './simulator/use-simulator';

export type { DiffHighlight } from './canvas/use-node-decorations';
export type { DesignerReferences, ReferenceOption, ScheduleOption } from './references';

export interface FlowDesignerProps {
  document: FlowDocument;
  /** Every edit, as a whole new document (unchanged parts shared). */
  onChange(document: FlowDocument): void;
  readOnly?: boolean;
  /** The tenant's queues, schedules, prompts, flows and skills: reference fields pick from these. */
  references?: DesignerReferences;
  /** Nodes to paint as a diff against another version. */
  highlight?: DiffHighlight[];
  /** Shown in the designer's header: the host's save state ("Saved", "Saving…"). */
  status?: ReactNode;
}

type Tab = 'problems' | 'simulator' | 'schedule';
const TABS: { id: Tab; label: string }[] = [
  { id: 'problems', label: 'Problems' },
  { id: 'simulator', label: 'Simulator' },
  { id: 'schedule', label: 'Schedule check' },
];
const PASTE_OFFSET = 40;
const NEW_NODE_SIZE = { width: 220, height: 90 };

/** The call-flow designer: palette, canvas, inspector, and problems / simulator / schedule panels. */
export function FlowDesigner(props: FlowDesignerProps) {
  return (
    <ReactFlowProvider>
      <DesignerShell {...props} />
    </ReactFlowProvider>
  );
}

function DesignerShell({
  document,
  onChange,
  readOnly = false,
  references,
  highlight,
  status,
}: FlowDesignerProps) {
  const refs = references ?? NO_REFERENCES;
  const history = useDocumentHistory(document, onChange);
  const { update } = history;
  const { problems, byNode, pending } = useFlowProblems(document, references);
  const schedules = useMemo(() => scheduleDefinitions(refs), [refs]);
  const queueNames = useMemo(() => new Map(refs.queues.map((q) => [q.id, q.name])), [refs]);
  const simulator = useSimulator(schedules, queueNames);
  const sim = simulator.state;
  const view = useNodeViews(document, refs);
  const simPath = useMemo(
    () => ({ current: sim.currentNodeId, visited: sim.visited }),
    [sim.currentNodeId, sim.visited],
  );
  const decorate = useNodeDecorations(byNode, highlight, simPath);
  const canvas = useCanvasState({ document, view, decorate, taken: sim.taken });
  const { select } = canvas;
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const root = useRef<HTMLDivElement>(null);
  const inspector = useRef<HTMLElement>(null);
  const documentRef = useRef(document);
  documentRef.current = document;
  const [tab, setTab] = useState<Tab>('problems');
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [layingOut, setLayingOut] = useState(false);
  const clipboard = useRef<{ fragment: FlowFragment; pastes: number } | null>(null);
  useFieldFocus(inspector, focus);

  const addAt = useCallback(
    (type: string, position: { x: number; y: number }) => {
      let id = '';
      update((doc) => {
        const result = addNode(doc, type, position);
        id = result.nodeId;
        return result.document;
      });
      if (id) select([id]);
    },
    [update, select],
  );

  const addInView = useCallback(
    (type: string) => {
      const pane = root.current?.querySelector('.react-flow')?.getBoundingClientRect();
      const center = pane
        ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 3 })
        : { x: 0, y: 0 };
      const boxes = flow.getNodes().map((n) => ({
        ...n.position,
        width: n.measured?.width ?? NEW_NODE_SIZE.width,
        height: n.measured?.height ?? NEW_NODE_SIZE.height,
      }));
      addAt(type, freeSpot({ x: center.x - NEW_NODE_SIZE.width / 2, y: center.y }, NEW_NODE_SIZE, boxes));
    },
    [addAt, flow],
  );

  const actions = useMemo<CanvasActions>(
    () => ({
      onConnect: (c) => update((doc) => connectOutcome(doc, c)),
      onMoved: (moves) => update((doc) => moveNodes(doc, moves)),
      onDelete: (nodeIds, edgeIds) => update((doc) => removeElements(doc, nodeIds, edgeIds)),
      onDropType: addAt,
      onUndo: history.undo,
      onRedo: history.redo,
      onAutoLayout: () => {
        setLayingOut(true);
        const sizes = new Map<string, NodeSize>();
        for (const n of flow.getNodes()) {
          if (n.measured?.width && n.measured.height)
            sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
        }
        autoLayout(documentRef.current, sizes)
          .then((positions) => {
            update((doc) =>
              moveNodes(
                doc,
                [...positions].map(([id, position]) => ({ id, position })),
              ),
            );
            // Two frames: the host re-renders with the new document, then React Flow takes the positions.
            requestAnimationFrame(() =>
              requestAnimationFrame(() => flow.fitView({ padding: 0.15, duration: 300 })),
            );
          })
          .finally(() => setLayingOut(false));
      },
    }),
    [update, addAt, history.undo, history.redo, flow],
  );

  useDesignerShortcuts(
    root,
    {
      copy: () => {
        if (canvas.selectedNodeIds.length === 0) return;
        const fragment = copyFragment(documentRef.current, canvas.selectedNodeIds);
        clipboard.current = { fragment, pastes: 0 };
        navigator.clipboard?.writeText(JSON.stringify(fragment)).catch(() => {});
      },
      paste: () => {
        const copied = clipboard.current;
        if (readOnly || !copied) return;
        copied.pastes += 1;
        const offset = PASTE_OFFSET * copied.pastes;
        let ids: string[] = [];
        update((doc) => {
          const result = pasteFragment(doc, copied.fragment, { x: offset, y: offset });
          ids = result.nodeIds;
          return result.document;
        });
        select(ids);
      },
      undo: () => !readOnly && history.undo(),
      redo: () => !readOnly && history.redo(),
      selectAll: () => select(documentRef.current.nodes.map((n) => n.id)),
    },
    true,
  );

  const nodeEdits = useMemo<NodeEdits>(
    () => ({
      setData: (nodeId, path, value) =>
        update(
          (doc) =>
            updateNode(doc, nodeId, (n) => ({
              ...n,
              data: setIn(n.data, path, value) as Record<string, unknown>,
            })),
          `data:${nodeId}:${pathKey(path)}`,
        ),
      setLabel: (nodeId, label) =>
        update(
          (doc) => updateNode(doc, nodeId, ({ label: _old, ...n }) => (label ? { ...n, label } : n)),
          `label:${nodeId}`,
        ),
      setEndsCall: (nodeId, outcome, ends) => update((doc) => setEndsCall(doc, nodeId, outcome, ends)),
    }),
    [update],
  );

  const flowEdits = useMemo<FlowEdits>(
    () => ({
      setName: (name) => update((doc) => ({ ...doc, name }), 'name'),
      setSettings: (change: Partial<FlowSettings>) =>
        update(
          (doc) => ({ ...doc, settings: { ...doc.settings, ...change } }),
          `settings:${Object.keys(change).join(',')}`,
        ),
      setVariables: (variables: FlowVariable[], mergeKey?: string) =>
        update((doc) => ({ ...doc, variables }), mergeKey && `variables:${mergeKey}`),
    }),
    [update],
  );

  const pickProblem = useCallback(
    (p: Problem) => {
      if (p.nodeId && documentRef.current.nodes.some((n) => n.id === p.nodeId)) {
        select([p.nodeId]);
        flow.fitView({ nodes: [{ id: p.nodeId }], duration: 300, maxZoom: 1.1 });
      } else {
        select([]);
      }
      setFocus((f) => ({ field: p.field ?? (p.nodeId ? 'label' : 'name'), seq: (f?.seq ?? 0) + 1 }));
    },
    [select, flow],
  );

  const selectNode = useCallback(
    (nodeId: string) => {
      select([nodeId]);
      flow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.1 });
    },
    [select, flow],
  );

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const target = TABS[(next + TABS.length) % TABS.length]!;
    setTab(target.id);
    root.current?.querySelector<HTMLElement>(`#designer-tab-${target.id}`)?.focus();
  };

  const selectedNode =
    canvas.selectedNodeIds.length === 1
      ? document.nodes.find((n) => n.id === canvas.selectedNodeIds[0])
      : undefined;

  return (
    <div className={styles.designer} ref={root}>
      <header className={styles.header}>
        <h1 className={styles.flowName}>{document.name}</h1>
        <span className={styles.muted}>
          {document.nodes.length} nodes ·{' '}
          {problems.length === 0 ? 'no problems' : `${problems.length} problem(s)`}
        </span>
        {readOnly && <span className={styles.readOnlyBadge}>Read only</span>}
        <span className={styles.headerStatus} role="status">
          {status}
        </span>
      </header>
      <aside className={styles.paletteColumn} aria-label="Palette">
        <NodePalette onAdd={addInView} disabled={readOnly} />
      </aside>
      <FlowCanvas
        canvas={canvas}
        actions={actions}
        readOnly={readOnly}
        canUndo={history.canUndo}
        canRedo={history.canRedo}
        layingOut={layingOut}
      />
      <aside className={styles.inspector} aria-label="Inspector" ref={inspector}>
        {selectedNode ? (
          <NodeInspector
            key={selectedNode.id}
            node={selectedNode}
            view={view(selectedNode)}
            document={document}
            problems={byNode.get(selectedNode.id) ?? []}
            references={refs}
            readOnly={readOnly}
            edits={nodeEdits}
          />
        ) : canvas.selectedNodeIds.length > 1 ? (
          <div className={styles.inspectorBody}>
            <h2 className={styles.inspectorTitle}>{canvas.selectedNodeIds.length} nodes selected</h2>
            <p className={styles.fieldHelp}>
              Drag to move them together; Ctrl+C copies them with the wires between them; Delete removes them
              (Ctrl+Z brings them back).
            </p>
          </div>
        ) : (
          <FlowSettingsPanel
            document={document}
            problems={byNode.get('') ?? []}
            readOnly={readOnly}
            edits={flowEdits}
          />
        )}
      </aside>
      <section className={styles.bottomPanel} aria-label="Problems, simulator and schedule check">
        <div role="tablist" className={styles.tabs} aria-label="Panels" onKeyDown={onTabKey} tabIndex={-1}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`designer-tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              aria-controls={`designer-panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              className={styles.tab}
              onClick={() => setTab(t.id)}
            >
              {t.label}
              {t.id === 'problems' && problems.length > 0 && (
                <span className={styles.tabCount}>{problems.length}</span>
              )}
              {t.id === 'simulator' && sim.status === 'running' && (
                <span className={styles.tabLive}>live</span>
              )}
            </button>
          ))}
        </div>
        <div
          id={`designer-panel-${tab}`}
          role="tabpanel"
          aria-labelledby={`designer-tab-${tab}`}
          className={styles.tabPanel}
        >
          {tab === 'problems' && (
            <ProblemsPanel document={document} byNode={byNode} pending={pending} onPick={pickProblem} />
          )}
          {tab === 'simulator' && (
            <SimulatorPanel
              document={document}
              simulator={simulator}
              onShowProblems={() => setTab('problems')}
            />
          )}
          {tab === 'schedule' && (
            <SchedulePanel document={document} references={refs} onSelectNode={selectNode} />
          )}
        </div>
      </section>
    </div>
  );
}
