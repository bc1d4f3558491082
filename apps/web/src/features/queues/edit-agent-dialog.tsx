'use client';

import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterInputs, RouterOutputs } from '../../trpc/types';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { Modal } from '../shell/modal';
import { useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';

type Agent = RouterOutputs['agents']['list'][number];
type UpdateMutation = UseMutationResult<
  RouterOutputs['agents']['update'],
  unknown,
  RouterInputs['agents']['update']
>;

/** What the phone number or SIP URI field says under it when there is no error. */
export const SIP_TARGET_HELP = 'Rung over SIP (Direct Routing) for queue calls; empty: Teams only';

/** Changes an agent's display name and the number or SIP URI queue calls ring over SIP. */
export function EditAgentDialog({ agent, onClose }: { agent: Agent | null; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.agents.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.agents.list.queryFilter());
        void queryClient.invalidateQueries(trpc.queues.agents.queryFilter());
        update.reset();
        onClose();
      },
    }),
  );
  // The next agent opened starts without this one's error.
  const close = () => {
    if (update.isPending) return;
    update.reset();
    onClose();
  };
  return (
    <Modal open={agent !== null} title={`Edit ${agent?.displayName ?? 'agent'}`} onClose={close}>
      {agent ? <EditAgentForm key={agent.id} agent={agent} update={update} onCancel={close} /> : null}
    </Modal>
  );
}

function EditAgentForm({
  agent,
  update,
  onCancel,
}: {
  agent: Agent;
  update: UpdateMutation;
  onCancel(): void;
}) {
  const tenant = useTenant();
  const [displayName, setDisplayName] = useState(agent.displayName);
  const [sipTarget, setSipTarget] = useState(agent.sipTarget ?? '');
  const errors = fieldErrors(update.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({
      tenantId: tenant.id,
      agentId: agent.id,
      displayName,
      sipTarget: sipTarget.trim() || null,
    });
  };
  return (
    <form className={ui.form} onSubmit={submit}>
      <div className={ui.field}>
        <label htmlFor="edit-agent-name">Display name</label>
        <input
          id="edit-agent-name"
          className={ui.input}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          required
          maxLength={200}
          aria-invalid={errors.get('displayName') ? true : undefined}
        />
        {errors.get('displayName') ? (
          <span className={ui.fieldError}>{errors.get('displayName')}</span>
        ) : null}
      </div>
      <div className={ui.field}>
        <label htmlFor="edit-agent-sip">Phone number or SIP URI</label>
        <input
          id="edit-agent-sip"
          className={`${ui.input} ${ui.mono}`}
          value={sipTarget}
          onChange={(e) => setSipTarget(e.target.value)}
          maxLength={320}
          size={34}
          placeholder="+14255550123 or sip:ana@contoso.com"
          aria-invalid={errors.get('sipTarget') ? true : undefined}
          aria-describedby="edit-agent-sip-help"
        />
        <span id="edit-agent-sip-help" className={errors.get('sipTarget') ? ui.fieldError : ui.fieldHelp}>
          {errors.get('sipTarget') ?? SIP_TARGET_HELP}
        </span>
      </div>
      {update.error ? (
        <ErrorNotice error={update.error} title="Could not save the agent" listProblems={errors.size === 0} />
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
