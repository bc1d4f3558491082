'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../shell/error-notice';
import { Modal } from '../shell/modal';
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
        <div className={ui.field}>
          <label htmlFor="new-flow-name">Name</label>
          <input
            id="new-flow-name"
            className={ui.input}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
            // biome-ignore lint/a11y/noAutofocus: the dialog exists to type this name
            autoFocus
            placeholder="Main line"
          />
          <span className={ui.fieldHelp}>
            It starts as: incoming call → hang up. Publish when it is ready.
          </span>
        </div>
        {create.error ? <ErrorNotice error={create.error} title="Could not create the flow" /> : null}
        <div className={ui.dialogActions}>
          <button type="button" className={ui.button} onClick={close} disabled={create.isPending}>
            Cancel
          </button>
          <button
            type="submit"
            className={ui.primary}
            disabled={create.isPending || !name.trim()}
            aria-busy={create.isPending}
          >
            {create.isPending ? 'Creating…' : 'Create and open'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
