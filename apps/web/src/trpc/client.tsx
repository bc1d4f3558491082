'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { type ReactNode, useState } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '../server/routers';

/** `useTRPC()` gives typed `queryOptions` / `mutationOptions` for every procedure of the app router. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Lists change when someone edits them; a short stale time keeps tabs calm without being stale long.
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        // A refusal (forbidden, not found, bad input) will not change by asking again.
        retry: (count, error) => count < 2 && !isClientRefusal(error),
      },
    },
  });
}

function isClientRefusal(error: unknown): boolean {
  const code = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return typeof code === 'number' && code >= 400 && code < 500;
}

// One per browser tab; on the server, one per request (a shared one would leak between users).
let browserQueryClient: QueryClient | undefined;
function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/** The query cache and the tRPC client (batched HTTP to `/api/trpc`, superjson like the server). */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: '/api/trpc', transformer: superjson })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
