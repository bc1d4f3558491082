'use client';

import { type ReactNode, useState } from 'react';
import { ErrorNotice } from './error-notice';
import { ConfirmDialog } from './modal';
import type { Mutation } from './mutation';

/** The row a destructive action waits on a yes for, if any. */
export interface Confirmation<T> {
  target: T | null;
  ask(target: T): void;
  cancel(): void;
}

/** Which row a destructive mutation is asking about; asking afresh forgets the last refusal. */
export function useConfirmation<T>(mutation: Pick<Mutation<unknown>, 'reset'>): Confirmation<T> {
  const [target, setTarget] = useState<T | null>(null);
  return {
    target,
    ask: (row) => {
      mutation.reset();
      setTarget(row);
    },
    cancel: () => setTarget(null),
  };
}

export interface ConfirmMutationProps<T, V> {
  confirmation: Confirmation<T>;
  mutation: Mutation<V>;
  /** The mutation's input for the row. */
  variables(target: T): V;
  title(target: T): string;
  confirmLabel: string;
  /** On the confirm button while the mutation runs, like "Deleting…". */
  pendingLabel: string;
  /** Over a refusal, like "Could not delete the trunk". */
  errorTitle: string;
  /** What confirming does to calls and the rest of the tenant. */
  children(target: T): ReactNode;
}

/** Asks before a mutation removes a row; closes once it has, or shows why it did not. */
export function ConfirmMutation<T, V>(props: ConfirmMutationProps<T, V>) {
  const { confirmation, mutation, variables, title, confirmLabel, pendingLabel, errorTitle, children } =
    props;
  const { target } = confirmation;
  return (
    <ConfirmDialog
      open={target !== null}
      title={target === null ? '' : title(target)}
      confirmLabel={confirmLabel}
      pendingLabel={pendingLabel}
      pending={mutation.isPending}
      error={<ErrorNotice error={mutation.error} title={errorTitle} />}
      onCancel={confirmation.cancel}
      onConfirm={() =>
        target !== null && mutation.mutate(variables(target), { onSuccess: confirmation.cancel })
      }
    >
      {target === null ? null : children(target)}
    </ConfirmDialog>
  );
}
