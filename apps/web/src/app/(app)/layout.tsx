import type { ReactNode } from 'react';
import '../../features/shell/shell-globals.css';
import { TRPCReactProvider } from '../../trpc/client';

/** Every signed-in page talks to the server through tRPC and the query cache. */
export default function SignedInLayout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
