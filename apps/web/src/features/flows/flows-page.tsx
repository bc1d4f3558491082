'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, Download, Plus, Search, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import { explainError } from '../../trpc/errors';
import type { RouterOutputs } from '../../trpc/types';
import { ConfirmDialog } from '../shell/modal';
import { Page } from '../shell/page';
import { LoadError, QueryTable } from '../shell/query-states';
import { Spinner } from '../shell/spinner';
import { allows, roleHint, useActorName, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import { When } from '../shell/when';
import { CreateFlowDialog } from './create-flow-dialog';
import { downloadJson } from './download';
import { ImportFlowButton } from './import-flow';

type Flow = RouterOutputs['flows']['list'][number];

/** The tenant's flows: search, create, import, and per flow open, duplicate and export. */
export function FlowsPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const [search, setSearch] = useState('');
  const term = useDeferredValue(search.trim());
  const [creating, setCreating] = useState(false);
  const flows = useQuery({
    ...trpc.flows.list.queryOptions({ tenantId: tenant.id, ...(term ? { search: term } : {}) }),
    placeholderData: keepPreviousData,
  });
  const canDesign = allows(tenant, 'design');

  return (
    <Page
      title="Flows"
      tools={
        <>
          <label className={ui.toolbar}>
            <Search size={14} aria-hidden="true" />
            <span className="visually-hidden">Search flows by name</span>
            <input
              type="search"
              className={ui.input}
              placeholder="Search by name"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
          <ImportFlowButton />
          <button
            type="button"
            className={ui.primary}
            onClick={() => setCreating(true)}
            disabled={!canDesign}
            title={canDesign ? undefined : roleHint('design')}
          >
            <Plus size={14} aria-hidden="true" />
            New flow
          </button>
        </>
      }
    >
      <CreateFlowDialog open={creating} onClose={() => setCreating(false)} />
      <LoadError query={flows} title="Could not load the flows" />
      <section className={ui.card} aria-label="Flows" aria-busy={flows.isFetching}>
        <QueryTable
          query={flows}
          what="flows"
          empty={
            term
              ? `No flow name contains “${term}”.`
              : 'No flows yet. Create one, or import a JSON file exported from another Parley.'
          }
          caption={`Flows of ${tenant.name}`}
          columns={['Flow', 'Live', 'Draft', 'Updated', 'By', { hidden: 'Actions' }]}
        >
          {(flow) => <FlowRow key={flow.id} flow={flow} />}
        </QueryTable>
      </section>
    </Page>
  );
}

function FlowRow({ flow }: { flow: Flow }) {
  const tenant = useTenant();
  const actor = useActorName();
  return (
    <tr>
      <td className="flow-name">
        <Link className={ui.link} href={`/t/${tenant.slug}/flows/${flow.id}`}>
          {flow.name}
        </Link>
      </td>
      <td>
        {flow.liveVersion === null ? (
          <span className="badge draft">not published</span>
        ) : (
          <span className="badge live">v{flow.liveVersion}</span>
        )}
      </td>
      <td className="num">rev {flow.revision}</td>
      <td className="num">
        <When at={flow.updatedAt} />
      </td>
      <td>{actor(flow.updatedBy, flow.updatedByName)}</td>
      <td>
        <RowActions flow={flow} />
      </td>
    </tr>
  );
}

function RowActions({ flow }: { flow: Flow }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const canDesign = allows(tenant, 'design');
  const duplicate = useMutation(
    trpc.flows.duplicate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.flows.list.queryFilter()),
    }),
  );
  const exportFlow = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery({
        ...trpc.flows.export.queryOptions({ tenantId: tenant.id, flowId: flow.id }),
        staleTime: 0,
      }),
    onSuccess: (file) => downloadJson(file.fileName, file.document),
  });
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const remove = useMutation(
    trpc.flows.delete.mutationOptions({
      onSuccess: () => {
        setConfirmingDelete(false);
        return queryClient.invalidateQueries(trpc.flows.list.queryFilter());
      },
    }),
  );
  const error = duplicate.error ?? exportFlow.error;
  return (
    <div className={ui.rowActions}>
      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete ${flow.name}?`}
        confirmLabel="Delete flow"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={
          remove.error ? (
            <p role="alert" className={ui.fieldError}>
              {explainError(remove.error).message} {explainError(remove.error).next}
            </p>
          ) : null
        }
        onConfirm={() => remove.mutate({ tenantId: tenant.id, flowId: flow.id })}
        onCancel={() => {
          setConfirmingDelete(false);
          remove.reset();
        }}
      >
        {flow.liveVersion === null ? (
          <p>The flow and its draft are deleted for good.</p>
        ) : (
          <p>
            The flow disappears from this list. Its published versions are kept, because calls and reports
            refer to them. Numbers that still route here must be unbound first.
          </p>
        )}
      </ConfirmDialog>
      {duplicate.data ? (
        <span role="status" className="muted">
          Copied as{' '}
          <Link className={ui.link} href={`/t/${tenant.slug}/flows/${duplicate.data.id}`}>
            {duplicate.data.name}
          </Link>
        </span>
      ) : null}
      <button
        type="button"
        className={`${ui.button} ${ui.small}`}
        disabled={!canDesign || duplicate.isPending}
        aria-busy={duplicate.isPending}
        title={canDesign ? `Copy the draft of ${flow.name} into a new flow` : roleHint('design')}
        onClick={() => duplicate.mutate({ tenantId: tenant.id, flowId: flow.id })}
      >
        {duplicate.isPending ? <Spinner size={12} /> : <Copy size={12} aria-hidden="true" />}
        {duplicate.isPending ? 'Duplicating…' : 'Duplicate'}
        <span className="visually-hidden"> {flow.name}</span>
      </button>
      <button
        type="button"
        className={`${ui.button} ${ui.small}`}
        disabled={exportFlow.isPending}
        aria-busy={exportFlow.isPending}
        title={`Download the draft of ${flow.name} as JSON`}
        onClick={() => exportFlow.mutate()}
      >
        {exportFlow.isPending ? <Spinner size={12} /> : <Download size={12} aria-hidden="true" />}
        Export
        <span className="visually-hidden"> {flow.name}</span>
      </button>
      <button
        type="button"
        className={`${ui.button} ${ui.small}`}
        disabled={!canDesign}
        title={canDesign ? `Delete ${flow.name}` : roleHint('design')}
        onClick={() => setConfirmingDelete(true)}
      >
        <Trash2 size={12} aria-hidden="true" />
        Delete
        <span className="visually-hidden"> {flow.name}</span>
      </button>
      {error ? (
        <span role="alert" className={ui.fieldError} style={{ whiteSpace: 'normal', maxWidth: 260 }}>
          {duplicate.error ? 'Not duplicated' : 'Not exported'}: {explainError(error).message}{' '}
          {explainError(error).next}
        </span>
      ) : null}
    </div>
  );
}
