'use client';

import { type FlowDocument, parseFlow } from '@parley/flow-schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Download, History, Rocket } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { useTRPC } from '../../../trpc/client';
import type { RouterOutputs } from '../../../trpc/types';
import { type DiffHighlight, FlowDesigner } from '../../designer/flow-designer';
import { useFlowProblems } from '../../designer/problems/use-flow-problems';
import { ErrorNotice } from '../../shell/error-notice';
import { Loading } from '../../shell/spinner';
import { allows, roleHint, useTenant } from '../../shell/tenant-context';
import ui from '../../shell/ui.module.css';
import { When } from '../../shell/when';
import { downloadJson } from '../download';
import { ProblemList } from '../import-flow';
import { ConflictBanner } from './conflict-banner';
import styles from './editor.module.css';
import { PublishDialog } from './publish-dialog';
import { SaveStatus } from './save-status';
import { useDraftAutosave } from './use-draft-autosave';
import { useDesignerReferences } from './use-references';
import { VersionsDrawer } from './versions-drawer';

type LoadedFlow = RouterOutputs['flows']['get'];

/** `/flows/[flowId]`: the designer on the flow's draft, autosaved, with publish and versions. */
export function FlowEditorPage({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const flow = useQuery({
    ...trpc.flows.get.queryOptions({ tenantId: tenant.id, flowId }),
    // The draft is edited here; a background refetch must not look like someone else's save.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    // Opened again later, the designer must start from the stored draft, never from a cached copy.
    gcTime: 0,
  });
  if (flow.error) {
    return (
      <div className={styles.broken}>
        <BackLink />
        <ErrorNotice error={flow.error} title="Could not open the flow" onRetry={() => void flow.refetch()} />
      </div>
    );
  }
  if (!flow.data) return <Loading what="the flow" />;
  return <LoadedEditor flow={flow.data} />;
}

function BackLink() {
  const tenant = useTenant();
  return (
    <Link href={`/t/${tenant.slug}/flows`} className={styles.back}>
      <ArrowLeft size={14} aria-hidden="true" />
      Flows
    </Link>
  );
}

function LoadedEditor({ flow }: { flow: LoadedFlow }) {
  const parsed = useMemo(() => parseFlow(flow.draft), [flow.draft]);
  if (!parsed.ok) {
    return (
      <div className={styles.broken}>
        <BackLink />
        <h1>{flow.name}</h1>
        <p className={ui.notice} role="alert">
          The stored draft is not a flow document this designer can open. Export it, fix the problems below in
          the file, and import it as a new flow.
        </p>
        <button
          type="button"
          className={ui.button}
          onClick={() => downloadJson(`${flow.name}.parley.json`, flow.draft)}
        >
          <Download size={14} aria-hidden="true" />
          Export the draft
        </button>
        <ProblemList problems={parsed.problems} />
      </div>
    );
  }
  return <Editor flow={flow} initial={parsed.document} />;
}

function Editor({ flow, initial }: { flow: LoadedFlow; initial: FlowDocument }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const draft = useDraftAutosave(tenant.id, flow.id, {
    document: initial,
    revision: flow.revision,
    updatedAt: flow.updatedAt,
  });
  const { document, state, revision } = draft;
  const refs = useDesignerReferences(tenant.id, flow.id);
  const [epoch, setEpoch] = useState(0);
  const [highlight, setHighlight] = useState<DiffHighlight[] | undefined>();
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const canDesign = allows(tenant, 'design');
  const canPublish = allows(tenant, 'publish');

  // The same check the designer's problems panel runs, to hold Publish back; the server checks again.
  const local = useFlowProblems(document, refs.references);
  const serverCheck = useQuery({
    ...trpc.flows.validate.queryOptions({ tenantId: tenant.id, flowId: flow.id }),
    enabled: state.kind === 'saved',
    staleTime: 0,
  });
  const { refetch: recheck } = serverCheck;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new saved revision is what needs a new check
  useEffect(() => {
    if (state.kind === 'saved') void recheck();
  }, [revision]);
  const serverProblems =
    serverCheck.data && serverCheck.data.revision === revision ? serverCheck.data.problems : null;
  const problemCount = Math.max(local.problems.length, serverProblems?.length ?? 0);

  const rename = useMutation(
    trpc.flows.rename.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.flows.list.queryFilter());
        void queryClient.invalidateQueries(
          trpc.flows.get.queryFilter({ tenantId: tenant.id, flowId: flow.id }),
        );
      },
    }),
  );
  const wantedName = document.name.trim();
  const { mutate: renameFlow, isPending: renaming } = rename;
  // The list shows the flow's own name: it follows the name edited in the designer once saved.
  useEffect(() => {
    if (state.kind !== 'saved' || renaming || !canDesign || !wantedName || wantedName === flow.name) return;
    if (rename.error && rename.variables?.name === wantedName) return; // refused once; wait for another name
    renameFlow({ tenantId: tenant.id, flowId: flow.id, name: wantedName });
  }, [
    state.kind,
    wantedName,
    flow.name,
    renaming,
    canDesign,
    rename.error,
    rename.variables,
    renameFlow,
    tenant.id,
    flow.id,
  ]);

  // "Version N is live" is news for a moment, not a state: the bar's badge keeps the state.
  useEffect(() => {
    if (published === null) return;
    const timer = setTimeout(() => setPublished(null), 8000);
    return () => clearTimeout(timer);
  }, [published]);

  // Ctrl+S / Cmd+S saves at once instead of the browser's "save page".
  const { saveNow } = draft;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        saveNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveNow]);

  const reloadTheirs = async () => {
    const fresh = await queryClient.fetchQuery({
      ...trpc.flows.get.queryOptions({ tenantId: tenant.id, flowId: flow.id }),
      staleTime: 0,
    });
    const parsed = parseFlow(fresh.draft);
    if (!parsed.ok)
      throw new Error('The stored draft cannot be opened in the designer; export it from the flow list.');
    draft.reset(parsed.document, fresh.revision);
    setHighlight(undefined);
    setEpoch((n) => n + 1); // a fresh designer: its undo history held the edits just dropped
  };

  const nextVersion = (flow.latestVersion ?? 0) + 1;
  const publishBlock = !canPublish
    ? roleHint('publish')
    : state.kind === 'conflict'
      ? 'Resolve the conflict first.'
      : state.kind !== 'saved'
        ? 'Wait for the draft to save.'
        : local.pending || (serverProblems === null && serverCheck.isFetching)
          ? 'Checking the draft…'
          : problemCount > 0
            ? `Fix ${problemCount} problem${problemCount === 1 ? '' : 's'} first (see Problems).`
            : null;

  return (
    <div className={styles.editor}>
      <div className={styles.bar} role="toolbar" aria-label="Flow actions">
        <BackLink />
        <span aria-hidden="true" className="muted">
          /
        </span>
        <strong>{flow.name}</strong>
        <span className={styles.live}>
          {flow.live ? (
            <>
              <span className="badge live">live v{flow.live.number}</span> published{' '}
              <When at={flow.live.publishedAt} />
            </>
          ) : (
            <span className="badge draft">not published</span>
          )}
        </span>
        <span className="muted">· draft rev {revision}</span>
        <span className={ui.grow} />
        {state.kind === 'error' ? (
          <span role="alert" className={styles.blocked} style={{ color: 'var(--danger)' }}>
            Not saved: {state.message} {state.next}{' '}
            <button type="button" className={`${ui.button} ${ui.small}`} onClick={saveNow}>
              Retry now
            </button>
          </span>
        ) : null}
        {rename.error ? (
          <span role="alert" className={styles.blocked} style={{ color: 'var(--danger)' }}>
            Could not rename the flow to “{rename.variables?.name}”: {rename.error.message}. Choose another
            name in Flow settings.
          </span>
        ) : null}
        {published !== null ? (
          <span role="status" className={styles.blocked} style={{ color: 'var(--ok-text)' }}>
            Version {published} is live.
          </span>
        ) : null}
        <button
          type="button"
          className={ui.button}
          onClick={() => downloadJson(`${fileSlug(document.name)}.parley.json`, document)}
          title="Download the draft on screen as JSON"
        >
          <Download size={14} aria-hidden="true" />
          Export
        </button>
        <button
          type="button"
          className={ui.button}
          aria-expanded={versionsOpen}
          onClick={() => setVersionsOpen((o) => !o)}
        >
          <History size={14} aria-hidden="true" />
          Versions
        </button>
        {publishBlock ? (
          <span className={styles.blocked} id="publish-blocked">
            {publishBlock}
          </span>
        ) : null}
        <button
          type="button"
          className={ui.primary}
          disabled={publishBlock !== null}
          title={publishBlock ?? `Publish revision ${revision} as version ${nextVersion}`}
          aria-describedby={publishBlock ? 'publish-blocked' : undefined}
          onClick={() => {
            setPublished(null);
            setPublishing(true);
          }}
        >
          <Rocket size={14} aria-hidden="true" />
          Publish…
        </button>
      </div>
      {state.kind === 'conflict' ? (
        <ConflictBanner conflict={state.conflict} mine={document} onReload={reloadTheirs} />
      ) : null}
      {refs.error ? (
        <ErrorNotice
          error={refs.error}
          title="Could not load the tenant's queues, schedules, prompts or skills (reference fields show ids)"
          onRetry={refs.refetch}
        />
      ) : null}
      <div className={styles.designerArea}>
        <FlowDesigner
          key={epoch}
          document={document}
          onChange={draft.change}
          readOnly={!canDesign}
          references={refs.references}
          highlight={highlight}
          status={<SaveStatus state={state} />}
        />
        {versionsOpen ? (
          <VersionsDrawer
            flowId={flow.id}
            liveVersion={flow.liveVersion}
            draftRevision={revision}
            document={document}
            onHighlight={setHighlight}
            onClose={() => {
              setVersionsOpen(false);
              setHighlight(undefined);
            }}
          />
        ) : null}
      </div>
      <PublishDialog
        open={publishing}
        onClose={() => setPublishing(false)}
        flowId={flow.id}
        revision={revision}
        nextVersion={nextVersion}
        onPublished={(n) => {
          setPublishing(false);
          setPublished(n);
        }}
      />
    </div>
  );
}

function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'flow'
  );
}
