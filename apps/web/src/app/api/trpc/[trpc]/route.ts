import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '../../../../server/context';
import { appRouter } from '../../../../server/routers';

// Sessions and the database are per request; nothing here may run at build time.
export const dynamic = 'force-dynamic';

function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext,
    onError: ({ error, path }) => {
      // Expected refusals (not found, conflict, forbidden…) are the client's to show; only failures are logged.
      if (error.code === 'INTERNAL_SERVER_ERROR')
        console.error(`trpc ${path ?? '?'} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
