'use client';

import { type UseMutationResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil, Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterInputs, RouterOutputs } from '../../trpc/types';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { ConfirmDialog, Modal } from '../shell/modal';
import { Loading } from '../shell/spinner';
import { SubmitRow } from '../shell/submit-row';
import { allows, roleHint, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import { When } from '../shell/when';

type Trunk = RouterOutputs['trunks']['list'][number];
type UpdateMutation = UseMutationResult<
  RouterOutputs['trunks']['update'],
  unknown,
  RouterInputs['trunks']['update']
>;

/** What the trunk form holds: the addresses as typed, one string. */
interface TrunkDraft {
  name: string;
  fqdn: string;
  addresses: string;
}

const EMPTY: TrunkDraft = { name: '', fqdn: '', addresses: '' };

/** Addresses as an admin pastes them: separated by commas, semicolons, spaces or new lines. */
function addressList(text: string): string[] {
  return text.split(/[\s,;]+/).filter((a) => a !== '');
}

function toInput(draft: TrunkDraft) {
  return { name: draft.name, fqdn: draft.fqdn.trim() || null, addresses: addressList(draft.addresses) };
}

/** The SBCs that send this tenant's calls over SIP, and how an incoming call is matched to one. */
export function SipTrunksSection() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const trunks = useQuery(trpc.trunks.list.queryOptions({ tenantId: tenant.id }));
  const [editing, setEditing] = useState<Trunk | null>(null);
  const [deleting, setDeleting] = useState<Trunk | null>(null);
  const remove = useMutation(
    trpc.trunks.delete.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        void queryClient.invalidateQueries(trpc.trunks.list.queryFilter());
      },
    }),
  );
  const canAdminister = allows(tenant, 'administer');
  const deletingFrom = deleting ? [deleting.fqdn, ...deleting.addresses].filter(Boolean).join(', ') : '';

  return (
    <section className={ui.card} aria-labelledby="trunks-heading">
      <div className={ui.cardHead}>
        <h2 id="trunks-heading">SIP trunks</h2>
      </div>
      <p className={`${ui.cardBody} muted`} style={{ margin: 0 }}>
        Session border controllers that send calls over SIP (Direct Routing). A call belongs to this tenant
        when its request names a trunk&apos;s FQDN, or else comes from an address only one trunk lists.
      </p>
      {trunks.error ? (
        <ErrorNotice
          error={trunks.error}
          title="Could not load the SIP trunks"
          onRetry={() => void trunks.refetch()}
        />
      ) : null}
      {trunks.isPending ? (
        <Loading what="SIP trunks" />
      ) : trunks.data?.length === 0 ? (
        <p className="empty">No SIP trunks: calls over SIP do not reach this tenant.</p>
      ) : trunks.data ? (
        <div className={ui.tableWrap}>
          <table>
            <thead>
              <tr>
                <th scope="col">Trunk</th>
                <th scope="col">FQDN</th>
                <th scope="col">Source addresses</th>
                <th scope="col">Since</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {trunks.data.map((t) => (
                <tr key={t.id}>
                  <td className="flow-name">{t.name}</td>
                  <td className={ui.mono}>{t.fqdn ?? <span className="muted">none</span>}</td>
                  <td className={`${ui.mono} ${ui.wrap}`}>
                    {t.addresses.length === 0 ? <span className="muted">any</span> : t.addresses.join(', ')}
                  </td>
                  <td>
                    <When at={t.createdAt} />
                  </td>
                  <td>
                    <div className={ui.rowActions}>
                      <button
                        type="button"
                        className={`${ui.button} ${ui.small}`}
                        disabled={!canAdminister}
                        title={canAdminister ? undefined : roleHint('administer')}
                        onClick={() => setEditing(t)}
                      >
                        <Pencil size={12} aria-hidden="true" />
                        Edit<span className="visually-hidden"> {t.name}</span>
                      </button>
                      <button
                        type="button"
                        className={`${ui.danger} ${ui.small}`}
                        disabled={!canAdminister}
                        title={canAdminister ? undefined : roleHint('administer')}
                        onClick={() => {
                          remove.reset();
                          setDeleting(t);
                        }}
                      >
                        <Trash2 size={12} aria-hidden="true" />
                        Delete<span className="visually-hidden"> {t.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canAdminister ? (
        <CreateTrunkForm />
      ) : (
        <p className={ui.info} style={{ margin: 12 }}>
          {roleHint('administer')} You can see the trunks.
        </p>
      )}
      <EditTrunkDialog trunk={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the trunk ${deleting?.name ?? ''}?`}
        confirmLabel="Delete trunk"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ? <ErrorNotice error={remove.error} title="Could not delete the trunk" /> : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ tenantId: tenant.id, trunkId: deleting.id })}
      >
        New calls from <strong className={ui.mono}>{deletingFrom}</strong> will no longer reach this tenant
        and will be refused, unless another trunk matches them. Calls in progress are not affected.
      </ConfirmDialog>
    </section>
  );
}

function CreateTrunkForm() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TrunkDraft>(EMPTY);
  const create = useMutation(
    trpc.trunks.create.mutationOptions({
      onSuccess: () => {
        setDraft(EMPTY);
        void queryClient.invalidateQueries(trpc.trunks.list.queryFilter());
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ tenantId: tenant.id, ...toInput(draft) });
  };
  return (
    <form
      className={`${ui.cardBody} ${ui.form}`}
      onSubmit={submit}
      aria-label="New SIP trunk"
      style={{ borderTop: '1px solid var(--border)' }}
    >
      <fieldset className={ui.fieldset}>
        <legend>New SIP trunk</legend>
        <TrunkFields idPrefix="trunk-new" draft={draft} onChange={setDraft} errors={errors} />
        <SubmitRow
          pending={create.isPending}
          label="Add trunk"
          pendingLabel="Adding…"
          done={create.isSuccess ? `Added ${create.data.name}.` : null}
        />
      </fieldset>
      {create.error ? (
        <ErrorNotice error={create.error} title="Could not add the trunk" listProblems={errors.size === 0} />
      ) : null}
    </form>
  );
}

function EditTrunkDialog({ trunk, onClose }: { trunk: Trunk | null; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.trunks.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.trunks.list.queryFilter());
        update.reset();
        onClose();
      },
    }),
  );
  // The next trunk opened starts without this one's error.
  const close = () => {
    if (update.isPending) return;
    update.reset();
    onClose();
  };
  return (
    <Modal open={trunk !== null} title={`Edit ${trunk?.name ?? 'trunk'}`} onClose={close}>
      {trunk ? <EditTrunkForm key={trunk.id} trunk={trunk} update={update} onCancel={close} /> : null}
    </Modal>
  );
}

function EditTrunkForm({
  trunk,
  update,
  onCancel,
}: {
  trunk: Trunk;
  update: UpdateMutation;
  onCancel(): void;
}) {
  const tenant = useTenant();
  const [draft, setDraft] = useState<TrunkDraft>({
    name: trunk.name,
    fqdn: trunk.fqdn ?? '',
    addresses: trunk.addresses.join(', '),
  });
  const errors = fieldErrors(update.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ tenantId: tenant.id, trunkId: trunk.id, ...toInput(draft) });
  };
  return (
    <form className={ui.form} onSubmit={submit}>
      <TrunkFields idPrefix="trunk-edit" draft={draft} onChange={setDraft} errors={errors} />
      {update.error ? (
        <ErrorNotice error={update.error} title="Could not save the trunk" listProblems={errors.size === 0} />
      ) : null}
      <div className={ui.dialogActions}>
        <button type="button" className={ui.button} onClick={onCancel} disabled={update.isPending}>
          Cancel
        </button>
        <button type="submit" className={ui.primary} disabled={update.isPending} aria-busy={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

/** The first server problem about the address list or one of its entries (`addresses.2`). */
function addressError(errors: Map<string, string>): string | undefined {
  for (const [field, message] of errors) {
    if (field === 'addresses' || field.startsWith('addresses.')) return message;
  }
  return undefined;
}

function TrunkFields({
  idPrefix,
  draft,
  onChange,
  errors,
}: {
  idPrefix: string;
  draft: TrunkDraft;
  onChange(draft: TrunkDraft): void;
  errors: Map<string, string>;
}) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const addresses = addressError(errors);
  const help = (field: string, error: string | undefined, text: string) => (
    <span id={id(`${field}-help`)} className={error ? ui.fieldError : ui.fieldHelp}>
      {error ?? text}
    </span>
  );
  return (
    <div className={ui.formRow}>
      <div className={ui.field}>
        <label htmlFor={id('name')}>Name</label>
        <input
          id={id('name')}
          className={ui.input}
          value={draft.name}
          onChange={(e) => onChange({ ...draft, name: e.target.value })}
          required
          maxLength={200}
          placeholder="Contoso SBC"
          aria-invalid={errors.get('name') ? true : undefined}
          aria-describedby={id('name-help')}
        />
        {help('name', errors.get('name'), 'As admins know the SBC')}
      </div>
      <div className={ui.field}>
        <label htmlFor={id('fqdn')}>FQDN (optional)</label>
        <input
          id={id('fqdn')}
          className={`${ui.input} ${ui.mono}`}
          value={draft.fqdn}
          onChange={(e) => onChange({ ...draft, fqdn: e.target.value })}
          maxLength={254}
          size={30}
          placeholder="customer1.sbc.contoso.com"
          aria-invalid={errors.get('fqdn') ? true : undefined}
          aria-describedby={id('fqdn-help')}
        />
        {help('fqdn', errors.get('fqdn'), 'Unique across tenants: one SBC, one subdomain per customer')}
      </div>
      <div className={ui.field}>
        <label htmlFor={id('addresses')}>Source IP addresses</label>
        <input
          id={id('addresses')}
          className={`${ui.input} ${ui.mono}`}
          value={draft.addresses}
          onChange={(e) => onChange({ ...draft, addresses: e.target.value })}
          size={34}
          placeholder="203.0.113.10, 2001:db8::10"
          aria-invalid={addresses ? true : undefined}
          aria-describedby={id('addresses-help')}
        />
        {help('addresses', addresses, 'IPv4 or IPv6, separated by commas; give these, an FQDN, or both')}
      </div>
    </div>
  );
}
