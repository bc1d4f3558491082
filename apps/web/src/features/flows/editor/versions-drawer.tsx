'use client';

import type { FlowDiff, FlowDocument } from '@parley/flow-schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { GitCompare, RotateCcw, X } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '../../../trpc/client';
import type { DiffHighlight } from '../../designer/flow-designer';
import { ConfirmMutation, useConfirmation } from '../../shell/confirm-mutation';
import { ErrorNotice } from '../../shell/error-notice';
import { Loading, Spinner } from '../../shell/spinner';
import { allows, roleHint, useTenant } from '../../shell/tenant-context';
import ui from '../../shell/ui.module.css';
import { When } from '../../shell/when';
import styles from './editor.module.css';

type Side = number | 'draft';

export interface VersionsDrawerProps {
  flowId: string;
  liveVersion: number | null;
  draftRevision: number;
  /** The document on the canvas, to name the nodes a comparison lists. */
  document: FlowDocument;
  onHighlight(highlight: DiffHighlight[] | undefined): void;
  onClose(): void;
}

/** Published versions: who and when, compare two (or one with the draft), roll back to one. */
export function VersionsDrawer(props: VersionsDrawerProps) {
  const { flowId, liveVersion, draftRevision, document, onHighlight, onClose } = props;
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.versions.list.queryOptions({ tenantId: tenant.id, flowId }));
  const [picked, setPicked] = useState<Side[]>([]);
  const canPublish = allows(tenant, 'publish');

  const compare = useMutation({
    mutationFn: ([a, b]: [Side, Side]) => {
      const [from, to] = order(a, b);
      return queryClient.fetchQuery({
        ...trpc.versions.diff.queryOptions({ tenantId: tenant.id, flowId, from, to }),
        staleTime: 0,
      });
    },
    onSuccess: (result) => onHighlight(highlightOf(result.diff)),
  });
  const rollback = useMutation(
    trpc.versions.rollback.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.flows.get.queryFilter());
        void queryClient.invalidateQueries(trpc.flows.list.queryFilter());
        void queryClient.invalidateQueries(trpc.versions.list.queryFilter());
      },
    }),
  );
  const rollingBack = useConfirmation<number>(rollback);

  const toggle = (side: Side) =>
    setPicked((p) => (p.includes(side) ? p.filter((s) => s !== side) : [...p, side].slice(-2)));
  const clearComparison = () => {
    compare.reset();
    onHighlight(undefined);
  };
  const label = (nodeId: string) => {
    const node = document.nodes.find((n) => n.id === nodeId);
    return node ? `${node.label || node.type} (${nodeId})` : nodeId;
  };

  return (
    <aside
      className={styles.drawer}
      aria-labelledby="versions-heading"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && rollingBack.target === null) onClose();
      }}
    >
      <div className={styles.drawerHead}>
        <h2 id="versions-heading">Versions</h2>
        <button type="button" className={ui.button} onClick={onClose} aria-label="Close versions">
          <X size={14} aria-hidden="true" />
        </button>
      </div>
      <div className={styles.drawerBody}>
        <p className={ui.fieldHelp} style={{ margin: 0 }}>
          Tick two to compare (or one and the draft). Differences are painted on the canvas.
        </p>
        {versions.error ? (
          <ErrorNotice
            error={versions.error}
            title="Could not load the versions"
            onRetry={() => void versions.refetch()}
          />
        ) : null}
        {versions.isPending ? <Loading what="versions" /> : null}
        <ul className={styles.versionList}>
          <li className={styles.versionItem}>
            <label className={ui.check}>
              <input type="checkbox" checked={picked.includes('draft')} onChange={() => toggle('draft')} />
              <strong>Draft</strong>
              <span className="muted">revision {draftRevision} (as saved)</span>
            </label>
          </li>
          {versions.data?.map((v) => (
            <li key={v.number} className={styles.versionItem}>
              <label className={ui.check}>
                <input
                  type="checkbox"
                  checked={picked.includes(v.number)}
                  onChange={() => toggle(v.number)}
                />
                <strong>Version {v.number}</strong>
                {v.number === liveVersion ? <span className="badge live">live</span> : null}
              </label>
              <div className="muted">
                {v.publishedBy?.name ?? 'Unknown'} · <When at={v.publishedAt} /> · from revision{' '}
                {v.draftRevision}
              </div>
              {v.note ? <div className={styles.versionNote}>{v.note}</div> : null}
              {v.number !== liveVersion ? (
                <div>
                  <button
                    type="button"
                    className={`${ui.button} ${ui.small}`}
                    disabled={!canPublish}
                    title={canPublish ? undefined : roleHint('publish')}
                    onClick={() => rollingBack.ask(v.number)}
                  >
                    <RotateCcw size={12} aria-hidden="true" />
                    Roll back to this version
                  </button>
                </div>
              ) : null}
            </li>
          ))}
          {versions.data?.length === 0 ? <li className="muted">Not published yet.</li> : null}
        </ul>
        <div className={ui.toolbar}>
          <button
            type="button"
            className={ui.primary}
            disabled={picked.length !== 2 || compare.isPending}
            aria-busy={compare.isPending}
            onClick={() => compare.mutate([picked[0]!, picked[1]!])}
          >
            {compare.isPending ? <Spinner size={14} /> : <GitCompare size={14} aria-hidden="true" />}
            {compare.isPending ? 'Comparing…' : 'Compare'}
          </button>
          {compare.data ? (
            <button type="button" className={ui.button} onClick={clearComparison}>
              Clear comparison
            </button>
          ) : null}
        </div>
        {rollback.isSuccess ? (
          <p role="status" style={{ margin: 0, color: 'var(--ok-text)' }}>
            Version {rollback.data.number} is live again.
          </p>
        ) : null}
        {compare.error ? <ErrorNotice error={compare.error} title="Could not compare" /> : null}
        {compare.data ? (
          <DiffSummary diff={compare.data.diff} from={compare.data.from} to={compare.data.to} label={label} />
        ) : null}
      </div>
      <ConfirmMutation
        confirmation={rollingBack}
        mutation={rollback}
        variables={(toVersion) => ({ tenantId: tenant.id, flowId, toVersion })}
        title={(version) => `Roll back to version ${version}?`}
        confirmLabel={`Make version ${rollingBack.target ?? ''} live`}
        pendingLabel="Rolling back…"
        errorTitle="Could not roll back"
      >
        {(version) => (
          <>
            New calls will run version {version} instead of version {liveVersion ?? '—'} at once; calls in
            progress finish on theirs. The draft is not changed. You can roll forward again from this list.
          </>
        )}
      </ConfirmMutation>
    </aside>
  );
}

function order(a: Side, b: Side): [Side, Side] {
  if (a === 'draft') return [b, a];
  if (b === 'draft') return [a, b];
  return a < b ? [a, b] : [b, a];
}

function sideName(side: Side): string {
  return side === 'draft' ? 'the draft' : `version ${side}`;
}

function highlightOf(diff: FlowDiff): DiffHighlight[] {
  return [
    { nodeIds: diff.added, kind: 'added' },
    { nodeIds: diff.removed, kind: 'removed' },
    {
      nodeIds: [...new Set([...diff.changed.map((c) => c.nodeId), ...diff.relabeled.map((r) => r.nodeId)])],
      kind: 'changed',
    },
  ];
}

function DiffSummary({
  diff,
  from,
  to,
  label,
}: {
  diff: FlowDiff;
  from: Side;
  to: Side;
  label(nodeId: string): string;
}) {
  const nothing =
    diff.added.length +
      diff.removed.length +
      diff.changed.length +
      diff.relabeled.length +
      diff.edges.added.length +
      diff.edges.removed.length +
      diff.settingsChanged.length +
      diff.variablesChanged.length +
      diff.documentChanged.length ===
    0;
  return (
    <section className={styles.diff} aria-label="Comparison" role="status">
      <h3>
        From {sideName(from)} to {sideName(to)}
      </h3>
      {nothing ? <p>No differences a caller would notice (positions are not compared).</p> : null}
      {diff.added.length > 0 ? (
        <>
          <h4 data-kind="added">Added nodes ({diff.added.length})</h4>
          <ul>
            {diff.added.map((id) => (
              <li key={id}>{label(id)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {diff.removed.length > 0 ? (
        <>
          <h4 data-kind="removed">Removed nodes ({diff.removed.length})</h4>
          <ul>
            {diff.removed.map((id) => (
              <li key={id}>{label(id)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {diff.changed.length + diff.relabeled.length > 0 ? (
        <>
          <h4 data-kind="changed">Changed nodes ({diff.changed.length + diff.relabeled.length})</h4>
          <ul>
            {diff.changed.map((c) => (
              <li key={c.nodeId}>
                {label(c.nodeId)}: <span className={ui.mono}>{c.fields.join(', ')}</span>
              </li>
            ))}
            {diff.relabeled.map((r) => (
              <li key={`label-${r.nodeId}`}>
                {label(r.nodeId)}: label “{r.from ?? ''}” → “{r.to ?? ''}”
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {diff.edges.added.length + diff.edges.removed.length > 0 ? (
        <p>
          Connections: {diff.edges.added.length} added, {diff.edges.removed.length} removed.
        </p>
      ) : null}
      {diff.settingsChanged.length > 0 ? <p>Settings: {diff.settingsChanged.join(', ')}.</p> : null}
      {diff.variablesChanged.length > 0 ? <p>Variables: {diff.variablesChanged.join(', ')}.</p> : null}
      {diff.documentChanged.length > 0 ? <p>Flow {diff.documentChanged.join(' and ')} changed.</p> : null}
    </section>
  );
}
