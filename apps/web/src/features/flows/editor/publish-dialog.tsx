'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../../trpc/client';
import { explainError } from '../../../trpc/errors';
import { ErrorNotice } from '../../shell/error-notice';
import { FormField } from '../../shell/form-field';
import { DialogActions, Modal } from '../../shell/modal';
import { useTenant } from '../../shell/tenant-context';
import ui from '../../shell/ui.module.css';
import { ProblemList } from '../import-flow';

export interface PublishDialogProps {
  open: boolean;
  onClose(): void;
  flowId: string;
  /** The saved draft revision being published: CONFLICT if it changed since. */
  revision: number;
  nextVersion: number;
  onPublished(version: number): void;
}

/** A note, then publish: the draft becomes the next version and takes new calls at once. */
export function PublishDialog({
  open,
  onClose,
  flowId,
  revision,
  nextVersion,
  onPublished,
}: PublishDialogProps) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  // Published, but some prompts could not be rendered ahead of calls: say which before closing.
  const [unrendered, setUnrendered] = useState<{ version: number; warnings: string[] } | null>(null);
  const publish = useMutation(
    trpc.versions.publish.mutationOptions({
      onSuccess: (version) => {
        void queryClient.invalidateQueries(trpc.versions.list.queryFilter());
        void queryClient.invalidateQueries(trpc.flows.list.queryFilter());
        void queryClient.invalidateQueries(trpc.flows.get.queryFilter());
        setNote('');
        if (version.promptWarnings.length > 0)
          setUnrendered({ version: version.number, warnings: version.promptWarnings });
        else onPublished(version.number);
      },
    }),
  );
  const close = () => {
    if (publish.isPending) return;
    publish.reset();
    onClose();
  };
  if (unrendered) {
    const done = () => {
      setUnrendered(null);
      publish.reset();
      onPublished(unrendered.version);
    };
    return (
      <Modal open={open} title={`Version ${unrendered.version} is live`} onClose={done}>
        <p>These prompts could not be made ready ahead of calls; a call that reaches one tries again:</p>
        <ul>
          {unrendered.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
        <div className={ui.dialogActions}>
          <button type="button" className={ui.primary} onClick={done}>
            Done
          </button>
        </div>
      </Modal>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    publish.mutate({
      tenantId: tenant.id,
      flowId,
      expectedRevision: revision,
      ...(note.trim() ? { note } : {}),
    });
  };
  const refused = publish.error ? explainError(publish.error) : null;
  return (
    <Modal
      open={open}
      title={`Publish version ${nextVersion}`}
      onClose={close}
      wide={Boolean(refused?.problems.length)}
    >
      <form className={ui.form} onSubmit={submit}>
        <p>
          Revision {revision} of the draft becomes version {nextVersion} and takes new calls at once. Calls in
          progress finish on the version they started with.
        </p>
        <FormField id="publish-note" label="Note (optional)">
          {(control) => (
            <textarea
              {...control}
              className={ui.input}
              rows={3}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="What changed, for whoever rolls back later"
              // biome-ignore lint/a11y/noAutofocus: the dialog opens to write the note
              autoFocus
            />
          )}
        </FormField>
        {publish.error ? (
          <ErrorNotice
            error={publish.error}
            title={refused?.code === 'BAD_REQUEST' ? 'The server refused to publish' : 'Could not publish'}
            listProblems={false}
          />
        ) : null}
        {refused?.problems.length ? <ProblemList problems={refused.problems} /> : null}
        <DialogActions
          label={`Publish version ${nextVersion}`}
          pendingLabel="Publishing…"
          pending={publish.isPending}
          onCancel={close}
        />
      </form>
    </Modal>
  );
}
