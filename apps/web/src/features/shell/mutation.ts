/** What the shared forms and dialogs drive of a mutation; tanstack's `useMutation` result is one. */
export interface Mutation<V> {
  isPending: boolean;
  error: unknown;
  reset(): void;
  mutate(variables: V, options?: { onSuccess?(): void }): void;
}
