'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../shell/error-notice';
import { TextField } from '../shell/form-field';
import { DialogActions, Modal } from '../shell/modal';
import { useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';

/** Names a new flow (a starter: incoming call → hang up) and opens it in the designer. */
export function CreateFlowDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: (flow) => {
        void queryClient.invalidateQueries(trpc.flows.list.queryFilter());
        router.push(`/t/${tenant.slug}/flows/${flow.id}`);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ tenantId: tenant.id, name });
  };
  const close = () => {
    if (create.isPending) return;
    create.reset();
    setName('');
    onClose();
  };
  return (
    <Modal open={open} title="New flow" onClose={close}>
      <form className={ui.form} onSubmit={submit}>
        <TextField
          id="new-flow-name"
          label="Name"
          help="It starts as: incoming call → hang up. Publish when it is ready."
          value={name}
          onChange={setName}
          required
          maxLength={200}
          // The dialog exists to type this name.
          autoFocus
          placeholder="Main line"
        />
        <ErrorNotice error={create.error} title="Could not create the flow" />
        <DialogActions
          label="Create and open"
          pendingLabel="Creating…"
          pending={create.isPending}
          ready={Boolean(name.trim())}
          onCancel={close}
        />
      </form>
    </Modal>
  );
}
