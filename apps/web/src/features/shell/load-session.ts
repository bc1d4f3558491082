import 'server-only';
import { NotFoundError } from '@parley/db';
import { getSessionUserId } from '../../server/auth';
import { getDatabase } from '../../server/database';
import { appRouter } from '../../server/routers';
import { createCallerFactory } from '../../server/trpc';
import type { RouterOutputs } from '../../trpc/types';

export type SignedIn = RouterOutputs['me'];

const createCaller = createCallerFactory(appRouter);

/** The signed-in user and their tenants (the `me` procedure), or null when nobody is signed in. */
export async function loadSignedIn(): Promise<SignedIn | null> {
  const userId = await getSessionUserId();
  if (!userId) return null;
  const { db } = await getDatabase();
  try {
    return await createCaller({ db, userId }).me();
  } catch (error) {
    // A session outliving its user (removed since) is no session.
    if (error instanceof NotFoundError || (error as { cause?: unknown }).cause instanceof NotFoundError)
      return null;
    throw error;
  }
}
