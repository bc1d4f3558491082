'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { EditDialog } from '../shell/edit-dialog';
import { TextField } from '../shell/form-field';
import { useTenant } from '../shell/tenant-context';

type Agent = RouterOutputs['agents']['list'][number];

/** What the phone number or SIP URI field says under it when there is no error. */
export const SIP_TARGET_HELP = 'Rung over SIP (Direct Routing) for queue calls; empty: Teams only';

/** Changes an agent's display name and the number or SIP URI queue calls ring over SIP. */
export function EditAgentDialog({ agent, onClose }: { agent: Agent | null; onClose(): void }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.agents.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.agents.list.queryFilter());
        void queryClient.invalidateQueries(trpc.queues.agents.queryFilter());
      },
    }),
  );
  return (
    <EditDialog
      row={agent}
      title={`Edit ${agent?.displayName ?? 'agent'}`}
      mutation={update}
      draftOf={(a) => ({ displayName: a.displayName, sipTarget: a.sipTarget ?? '' })}
      variables={(a, draft) => ({
        tenantId: tenant.id,
        agentId: a.id,
        displayName: draft.displayName,
        sipTarget: draft.sipTarget.trim() || null,
      })}
      errorTitle="Could not save the agent"
      onClose={onClose}
    >
      {(draft, setDraft, errors) => (
        <>
          <TextField
            id="edit-agent-name"
            label="Display name"
            error={errors.get('displayName')}
            value={draft.displayName}
            onChange={(displayName) => setDraft({ ...draft, displayName })}
            required
            maxLength={200}
          />
          <TextField
            id="edit-agent-sip"
            label="Phone number or SIP URI"
            error={errors.get('sipTarget')}
            help={SIP_TARGET_HELP}
            mono
            value={draft.sipTarget}
            onChange={(sipTarget) => setDraft({ ...draft, sipTarget })}
            maxLength={320}
            size={34}
            placeholder="+14255550123 or sip:ana@contoso.com"
          />
        </>
      )}
    </EditDialog>
  );
}
