'use client';

import type { FlowDocument } from '@parley/flow-schema';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '../../../trpc/client';
import { ErrorNotice } from '../../shell/error-notice';
import { formatDateTime } from '../../shell/format';
import { useTenant, useUser } from '../../shell/tenant-context';
import ui from '../../shell/ui.module.css';
import type { DraftConflict } from './use-draft-autosave';

export interface ConflictBannerProps {
  conflict: DraftConflict;
  /** The edits that could not be saved. */
  mine: FlowDocument;
  /** Loads the stored draft into the designer, dropping the local edits. */
  onReload(): Promise<void>;
}

/** Someone saved the draft first: say who and when, and offer theirs, or mine as a new flow. */
export function ConflictBanner({ conflict, mine, onReload }: ConflictBannerProps) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const user = useUser();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<unknown>(null);
  const copy = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: (flow) => {
        void queryClient.invalidateQueries(trpc.flows.list.queryFilter());
        router.push(`/t/${tenant.slug}/flows/${flow.id}`);
      },
    }),
  );
  const who =
    conflict.updatedBy === null
      ? 'Someone'
      : conflict.updatedBy.id === user.id
        ? 'You, in another tab or window,'
        : `${conflict.updatedBy.name} (${conflict.updatedBy.email})`;
  const when = conflict.updatedAt ? ` at ${formatDateTime(conflict.updatedAt)}` : '';
  const copyName = `${mine.name.slice(0, 170)} (my copy ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })})`;

  return (
    <div className={ui.warn} role="alert" style={{ margin: 0, borderRadius: 0 }}>
      <p>
        <strong>Your changes were not saved.</strong> {who} saved this flow{when}
        {conflict.currentRevision ? ` (revision ${conflict.currentRevision})` : ''} after you opened it.
        Choose which to keep: their version replaces your edits here, or your edits become a new flow.
      </p>
      <div className={ui.noticeActions}>
        <button
          type="button"
          className={ui.button}
          disabled={reloading || copy.isPending}
          aria-busy={reloading}
          onClick={async () => {
            setReloading(true);
            setReloadError(null);
            try {
              await onReload();
            } catch (error) {
              setReloadError(error);
            } finally {
              setReloading(false);
            }
          }}
        >
          {reloading ? 'Reloading…' : 'Reload their version'}
        </button>
        <button
          type="button"
          className={ui.primary}
          disabled={reloading || copy.isPending}
          aria-busy={copy.isPending}
          title={`Creates “${copyName}” with your edits`}
          onClick={() =>
            copy.mutate({
              tenantId: tenant.id,
              name: copyName,
              document: { ...mine, name: copyName } as unknown as Record<string, unknown>,
            })
          }
        >
          {copy.isPending ? 'Creating the copy…' : 'Keep mine as a copy'}
        </button>
      </div>
      {reloadError ? <ErrorNotice error={reloadError} title="Could not reload the flow" /> : null}
      {copy.error ? <ErrorNotice error={copy.error} title="Could not create the copy" /> : null}
    </div>
  );
}
