'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Unlink } from 'lucide-react';
import Link from 'next/link';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { Card } from '../shell/card';
import { ConfirmMutation, useConfirmation } from '../shell/confirm-mutation';
import { Page } from '../shell/page';
import { LoadError, QueryTable } from '../shell/query-states';
import { RowButton } from '../shell/row-button';
import { allows, roleHint, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import { When } from '../shell/when';
import { BindForm } from './bind-form';
import { SipTrunksSection } from './sip-trunks-section';

type Binding = RouterOutputs['bindings']['list'][number];

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
  const queryClient = useQueryClient();
  const unbind = useMutation(
    trpc.bindings.unbind.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.bindings.list.queryFilter()),
    }),
  );
  const unbinding = useConfirmation<Binding>(unbind);
  const canAdminister = allows(tenant, 'administer');
  const flowName = (id: string) => flows.data?.find((f) => f.id === id);

  return (
    <Page title="Numbers" lead="Calls to these addresses run the live version of their flow.">
      {canAdminister ? (
        <BindForm flows={flows.data ?? []} />
      ) : (
        <p className={ui.info}>{roleHint('administer')} You can see the bindings.</p>
      )}
      <LoadError query={bindings} title="Could not load the numbers" />
      <Card title="Bound numbers and accounts" headingId="bindings-heading">
        <QueryTable
          query={bindings}
          what="numbers"
          empty="Nothing is bound yet: calls to this tenant find no flow. Bind a number above."
          columns={['Address', 'Kind', 'Flow', 'Since', { hidden: 'Actions' }]}
        >
          {(b) => {
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
                    <RowButton
                      danger
                      icon={Unlink}
                      label="Unbind"
                      subject={b.address}
                      ability="administer"
                      onClick={() => unbinding.ask(b)}
                    />
                  </div>
                </td>
              </tr>
            );
          }}
        </QueryTable>
      </Card>
      <SipTrunksSection />
      <ConfirmMutation
        confirmation={unbinding}
        mutation={unbind}
        variables={(b) => ({ tenantId: tenant.id, bindingId: b.id })}
        title={(b) => `Unbind ${b.address}?`}
        confirmLabel="Unbind"
        pendingLabel="Unbinding…"
        errorTitle="Could not unbind"
      >
        {(b) => (
          <>
            New calls to <strong>{b.address}</strong> will find no flow and fail until it is bound again.
            Calls in progress are not affected.
          </>
        )}
      </ConfirmMutation>
    </Page>
  );
}
