import 'server-only';
import { getSessionUserId } from './auth';
import { getDatabase } from './database';
import type { Context } from './trpc';

/** The context of one HTTP request: the database and the user its session cookie names. */
export async function createContext(): Promise<Context> {
  const [database, userId] = await Promise.all([getDatabase(), getSessionUserId()]);
  return { db: database.db, userId };
}
