'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link2, Unlink } from 'lucide-react';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { ConfirmDialog } from '../shell/modal';
import { Loading } from '../shell/spinner';
import { allows, roleHint, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import { When } from '../shell/when';
import { SipTrunksSection } from './sip-trunks-section';

type Binding = RouterOutputs['bindings']['list'][number];
type Kind = Binding['kind'];

const KIND_LABEL: Record<string, string> = {
  e164: 'Phone number',
  resourceAccount: 'Teams resource account',
};

/** Which phone numbers and Teams resource accounts route to which flow, and the SIP trunks calls arrive on. */
export function NumbersPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const input = { tenantId: tenant.id };
  const bindings = useQuery(trpc.bindings.list.queryOptions(input));
  const flows = useQuery(trpc.flows.list.queryOptions(input));
  const [unbinding, setUnbinding] = useState<Binding | null>(null);
  const queryClient = useQueryClient();
  const unbind = useMutation(
    trpc.bindings.unbind.mutationOptions({
      onSuccess: () => {
        setUnbinding(null);
        void queryClient.invalidateQueries(trpc.bindings.list.queryFilter());
      },
    }),
  );
  const canAdminister = allows(tenant, 'administer');
  const flowName = (id: string) => flows.data?.find((f) => f.id === id);

  return (
    <div className={ui.page}>
      <div className={ui.pageHead}>
        <h1>Numbers</h1>
        <p className="muted">Calls to these addresses run the live version of their flow.</p>
      </div>
      {canAdminister ? (
        <BindForm flows={flows.data ?? []} />
      ) : (
        <p className={ui.info}>{roleHint('administer')} You can see the bindings.</p>
      )}
      {bindings.error ? (
        <ErrorNotice
          error={bindings.error}
          title="Could not load the numbers"
          onRetry={() => void bindings.refetch()}
        />
      ) : null}
      <section className={ui.card} aria-labelledby="bindings-heading">
        <div className={ui.cardHead}>
          <h2 id="bindings-heading">Bound numbers and accounts</h2>
        </div>
        {bindings.isPending ? (
          <Loading what="numbers" />
        ) : bindings.data?.length === 0 ? (
          <p className="empty">
            Nothing is bound yet: calls to this tenant find no flow. Bind a number above.
          </p>
        ) : bindings.data ? (
          <div className={ui.tableWrap}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Flow</th>
                  <th scope="col">Since</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {bindings.data.map((b) => {
                  const flow = flowName(b.flowId);
                  return (
                    <tr key={b.id}>
                      <td className={ui.mono}>{b.address}</td>
                      <td>{KIND_LABEL[b.kind] ?? b.kind}</td>
                      <td className="flow-name">
                        {flow ? (
                          <>
                            <Link className={ui.link} href={`/t/${tenant.slug}/flows/${flow.id}`}>
                              {flow.name}
                            </Link>{' '}
                            {flow.liveVersion === null ? (
                              <span className="badge draft">not published: calls fail</span>
                            ) : (
                              <span className="badge live">v{flow.liveVersion}</span>
                            )}
                          </>
                        ) : (
                          <span className={ui.mono}>{b.flowId}</span>
                        )}
                      </td>
                      <td>
                        <When at={b.createdAt} />
                      </td>
                      <td>
                        <div className={ui.rowActions}>
                          <button
                            type="button"
                            className={`${ui.danger} ${ui.small}`}
                            disabled={!canAdminister}
                            title={canAdminister ? undefined : roleHint('administer')}
                            onClick={() => {
                              unbind.reset();
                              setUnbinding(b);
                            }}
                          >
                            <Unlink size={12} aria-hidden="true" />
                            Unbind<span className="visually-hidden"> {b.address}</span>
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <SipTrunksSection />
      <ConfirmDialog
        open={unbinding !== null}
        title={`Unbind ${unbinding?.address ?? ''}?`}
        confirmLabel="Unbind"
        pendingLabel="Unbinding…"
        pending={unbind.isPending}
        error={unbind.error ? <ErrorNotice error={unbind.error} title="Could not unbind" /> : null}
        onCancel={() => setUnbinding(null)}
        onConfirm={() => unbinding && unbind.mutate({ tenantId: tenant.id, bindingId: unbinding.id })}
      >
        New calls to <strong>{unbinding?.address}</strong> will find no flow and fail until it is bound again.
        Calls in progress are not affected.
      </ConfirmDialog>
    </div>
  );
}

function BindForm({ flows }: { flows: RouterOutputs['flows']['list'] }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('e164');
  const [address, setAddress] = useState('');
  const [flowId, setFlowId] = useState('');
  const bind = useMutation(
    trpc.bindings.bind.mutationOptions({
      onSuccess: () => {
        setAddress('');
        void queryClient.invalidateQueries(trpc.bindings.list.queryFilter());
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    bind.mutate({ tenantId: tenant.id, kind, address, flowId });
  };
  const addressError = fieldErrors(bind.error).get('address');
  const e164 = kind === 'e164';
  return (
    <section className={ui.card} aria-labelledby="bind-heading">
      <div className={ui.cardHead}>
        <h2 id="bind-heading">Bind a number or resource account</h2>
      </div>
      <form className={`${ui.cardBody} ${ui.form}`} onSubmit={submit}>
        <div className={ui.formRow}>
          <div className={ui.field}>
            <label htmlFor="bind-kind">Kind</label>
            <select
              id="bind-kind"
              className={ui.input}
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
            >
              <option value="e164">Phone number (E.164)</option>
              <option value="resourceAccount">Teams resource account</option>
            </select>
          </div>
          <div className={ui.field}>
            <label htmlFor="bind-address">{e164 ? 'Phone number' : 'Resource account id'}</label>
            <input
              id="bind-address"
              className={`${ui.input} ${ui.mono}`}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              required
              maxLength={320}
              size={30}
              inputMode={e164 ? 'tel' : 'text'}
              placeholder={e164 ? '+14255550100' : 'main-line@contoso.com or its object id'}
              aria-invalid={addressError ? true : undefined}
              aria-describedby="bind-address-help"
            />
            <span id="bind-address-help" className={addressError ? ui.fieldError : ui.fieldHelp}>
              {addressError ??
                (e164
                  ? 'A plus, the country code and the number, like +14255550100.'
                  : 'The Entra object id or the sign-in name (UPN) of the Teams resource account.')}
            </span>
          </div>
          <div className={ui.field}>
            <label htmlFor="bind-flow">Flow</label>
            <select
              id="bind-flow"
              className={ui.input}
              value={flowId}
              onChange={(e) => setFlowId(e.target.value)}
              required
            >
              <option value="" disabled>
                Choose a flow…
              </option>
              {flows.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                  {f.liveVersion === null ? ' (not published)' : ` (live v${f.liveVersion})`}
                </option>
              ))}
            </select>
            <span className={ui.fieldHelp}>Binding an address again re-points it.</span>
          </div>
          <div className={ui.field}>
            <span className={ui.fieldLabel} aria-hidden="true">
              &nbsp;
            </span>
            <button type="submit" className={ui.primary} disabled={bind.isPending} aria-busy={bind.isPending}>
              <Link2 size={14} aria-hidden="true" />
              {bind.isPending ? 'Binding…' : 'Bind'}
            </button>
            <span className={ui.fieldHelp}>&nbsp;</span>
          </div>
        </div>
        {bind.error ? (
          <ErrorNotice error={bind.error} title="Could not bind" listProblems={!addressError} />
        ) : null}
        {bind.isSuccess ? (
          <p role="status" className="muted" style={{ margin: 0 }}>
            Bound {bind.variables?.address}.
          </p>
        ) : null}
      </form>
    </section>
  );
}
