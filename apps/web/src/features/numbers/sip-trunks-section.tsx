'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { Card } from '../shell/card';
import { ConfirmMutation, useConfirmation } from '../shell/confirm-mutation';
import { CreateForm } from '../shell/create-form';
import { EditDialog } from '../shell/edit-dialog';
import { fieldErrors } from '../shell/field-errors';
import { LoadError, QueryTable } from '../shell/query-states';
import { RowButton } from '../shell/row-button';
import { allows, roleHint, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import { When } from '../shell/when';
import { EMPTY_TRUNK, type TrunkDraft, TrunkFields, trunkInput } from './trunk-fields';

type Trunk = RouterOutputs['trunks']['list'][number];

/** The SBCs that send this tenant's calls over SIP, and how an incoming call is matched to one. */
export function SipTrunksSection() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const trunks = useQuery(trpc.trunks.list.queryOptions({ tenantId: tenant.id }));
  const [editing, setEditing] = useState<Trunk | null>(null);
  const remove = useMutation(
    trpc.trunks.delete.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.trunks.list.queryFilter()),
    }),
  );
  const deleting = useConfirmation<Trunk>(remove);
  const canAdminister = allows(tenant, 'administer');

  return (
    <Card title="SIP trunks" headingId="trunks-heading">
      <p className={`${ui.cardBody} muted`} style={{ margin: 0 }}>
        Session border controllers that send calls over SIP (Direct Routing). A call belongs to this tenant
        when its request names a trunk&apos;s FQDN, or else comes from an address only one trunk lists.
      </p>
      <LoadError query={trunks} title="Could not load the SIP trunks" />
      <QueryTable
        query={trunks}
        what="SIP trunks"
        empty="No SIP trunks: calls over SIP do not reach this tenant."
        columns={['Trunk', 'FQDN', 'Source addresses', 'Since', { hidden: 'Actions' }]}
      >
        {(t) => (
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
                <RowButton
                  icon={Pencil}
                  label="Edit"
                  subject={t.name}
                  ability="administer"
                  onClick={() => setEditing(t)}
                />
                <RowButton
                  danger
                  icon={Trash2}
                  label="Delete"
                  subject={t.name}
                  ability="administer"
                  onClick={() => deleting.ask(t)}
                />
              </div>
            </td>
          </tr>
        )}
      </QueryTable>
      {canAdminister ? (
        <CreateTrunkForm />
      ) : (
        <p className={ui.info} style={{ margin: 12 }}>
          {roleHint('administer')} You can see the trunks.
        </p>
      )}
      <EditTrunkDialog trunk={editing} onClose={() => setEditing(null)} />
      <ConfirmMutation
        confirmation={deleting}
        mutation={remove}
        variables={(t) => ({ tenantId: tenant.id, trunkId: t.id })}
        title={(t) => `Delete the trunk ${t.name}?`}
        confirmLabel="Delete trunk"
        pendingLabel="Deleting…"
        errorTitle="Could not delete the trunk"
      >
        {(t) => (
          <>
            New calls from{' '}
            <strong className={ui.mono}>{[t.fqdn, ...t.addresses].filter(Boolean).join(', ')}</strong> will no
            longer reach this tenant and will be refused, unless another trunk matches them. Calls in progress
            are not affected.
          </>
        )}
      </ConfirmMutation>
    </Card>
  );
}

function CreateTrunkForm() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TrunkDraft>(EMPTY_TRUNK);
  const create = useMutation(
    trpc.trunks.create.mutationOptions({
      onSuccess: () => {
        setDraft(EMPTY_TRUNK);
        void queryClient.invalidateQueries(trpc.trunks.list.queryFilter());
      },
    }),
  );
  return (
    <CreateForm
      legend="New SIP trunk"
      ability="administer"
      mutation={create}
      errorTitle="Could not add the trunk"
      submitLabel="Add trunk"
      pendingLabel="Adding…"
      done={create.isSuccess ? `Added ${create.data.name}.` : null}
      onSubmit={() => create.mutate({ tenantId: tenant.id, ...trunkInput(draft) })}
    >
      <TrunkFields
        idPrefix="trunk-new"
        draft={draft}
        onChange={setDraft}
        errors={fieldErrors(create.error)}
      />
    </CreateForm>
  );
}

function EditTrunkDialog({ trunk, onClose }: { trunk: Trunk | null; onClose(): void }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.trunks.update.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.trunks.list.queryFilter()),
    }),
  );
  return (
    <EditDialog
      row={trunk}
      title={`Edit ${trunk?.name ?? 'trunk'}`}
      mutation={update}
      draftOf={(t): TrunkDraft => ({ name: t.name, fqdn: t.fqdn ?? '', addresses: t.addresses.join(', ') })}
      variables={(t, draft) => ({ tenantId: tenant.id, trunkId: t.id, ...trunkInput(draft) })}
      errorTitle="Could not save the trunk"
      onClose={onClose}
    >
      {(draft, setDraft, errors) => (
        <TrunkFields idPrefix="trunk-edit" draft={draft} onChange={setDraft} errors={errors} />
      )}
    </EditDialog>
  );
}
