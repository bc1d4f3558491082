import {
  Background,
  type Connection,
  Controls,
  type IsValidConnection,
  MiniMap,
  type OnDelete,
  type OnNodeDrag,
  Panel,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { LayoutDashboard, Redo2, Undo2 } from 'lucide-react';
import { type DragEvent, memo, useCallback } from 'react';
import styles from '../designer.module.css';
import type { CanvasEdge, CanvasNode } from '../graph/flow-mapping';
import { NODE_TYPE_MIME } from '../palette/node-palette';
import { FlowNodeCard } from './flow-node-card';
import type { CanvasState } from './use-canvas-state';

const nodeTypes = { flowNode: FlowNodeCard };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];
const PRO_OPTIONS = { hideAttribution: true };
const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1.2 };

export interface CanvasActions {
  onConnect(connection: { source: string; outcome: string; target: string }): void;
  onMoved(moves: { id: string; position: { x: number; y: number } }[]): void;
  onDelete(nodeIds: string[], edgeIds: string[]): void;
  onDropType(type: string, position: { x: number; y: number }): void;
  onAutoLayout(): void;
  onUndo(): void;
  onRedo(): void;
}

const minimapColor = (n: CanvasNode) =>
  n.data.decoration.sim === 'current'
    ? 'var(--designer-sim)'
    : n.data.decoration.problems > 0
      ? 'var(--designer-danger)'
      : 'var(--designer-node-mini)';

/** The React Flow canvas: wiring, dragging, deleting, dropping palette items, and the toolbar. */
export const FlowCanvas = memo(function FlowCanvas({
  canvas,
  actions,
  readOnly,
  canUndo,
  canRedo,
  layingOut,
}: {
  canvas: CanvasState;
  actions: CanvasActions;
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  layingOut: boolean;
}) {
  const { screenToFlowPosition } = useReactFlow<CanvasNode, CanvasEdge>();

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.sourceHandle) actions.onConnect({ source: c.source, outcome: c.sourceHandle, target: c.target });
    },
    [actions],
  );
  // Wires leave from an outcome handle and end on a node's top handle.
  const isValidConnection = useCallback<IsValidConnection<CanvasEdge>>((c) => Boolean(c.sourceHandle), []);
  const onNodeDragStop = useCallback<OnNodeDrag<CanvasNode>>(
    (_event, _node, dragged) => actions.onMoved(dragged.map((n) => ({ id: n.id, position: n.position }))),
    [actions],
  );
  const onDelete = useCallback<OnDelete<CanvasNode, CanvasEdge>>(
    ({ nodes, edges }) =>
      actions.onDelete(
        nodes.map((n) => n.id),
        edges.map((e) => e.id),
      ),
    [actions],
  );
  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(NODE_TYPE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(NODE_TYPE_MIME);
      if (!type || readOnly) return;
      e.preventDefault();
      actions.onDropType(type, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [actions, readOnly, screenToFlowPosition],
  );

  return (
    // A drop target for palette items; the palette buttons themselves add by click or Enter.
    // biome-ignore lint/a11y/noStaticElementInteractions: drag and drop has a keyboard equivalent in the palette
    <div className={styles.canvas} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={canvas.nodes}
        edges={canvas.edges}
        nodeTypes={nodeTypes}
        onNodesChange={canvas.onNodesChange}
        onEdgesChange={canvas.onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStop={onNodeDragStop}
        onDelete={onDelete}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        onlyRenderVisibleElements={canvas.nodes.length > 150}
        minZoom={0.1}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        proOptions={PRO_OPTIONS}
        colorMode="system"
        aria-label="Call flow canvas"
      >
        <Background gap={16} />
        <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Overview of the call flow" />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
        <Panel position="top-left" className={styles.toolbar}>
          <button
            type="button"
            onClick={actions.onUndo}
            disabled={!canUndo || readOnly}
            title="Undo (Ctrl+Z)"
          >
            <Undo2 size={14} aria-hidden="true" /> Undo
          </button>
          <button
            type="button"
            onClick={actions.onRedo}
            disabled={!canRedo || readOnly}
            title="Redo (Ctrl+Shift+Z or Ctrl+Y)"
          >
            <Redo2 size={14} aria-hidden="true" /> Redo
          </button>
          <button
            type="button"
            onClick={actions.onAutoLayout}
            disabled={readOnly || layingOut}
            aria-busy={layingOut}
            title="Arrange nodes top-down"
          >
            <LayoutDashboard size={14} aria-hidden="true" /> {layingOut ? 'Arranging…' : 'Auto layout'}
          </button>
        </Panel>
      </ReactFlow>
    </div>
  );
});
