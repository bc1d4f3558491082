import 'server-only';
import { type Database, openDatabase } from '@parley/db';
import { loadConfig } from './config';

// One pool per server process. Kept on globalThis because `next dev` re-evaluates modules on every
// change, and each evaluation would otherwise open another pool (or try to reopen PGlite's folder).
const holder = globalThis as { parleyDatabase?: Promise<Database> };

/** The web app's database, opened on first use (never at build time). */
export function getDatabase(): Promise<Database> {
  if (holder.parleyDatabase) return holder.parleyDatabase;
  const config = loadConfig();
  const opening = openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
  );
  holder.parleyDatabase = opening.catch((error: unknown) => {
    holder.parleyDatabase = undefined; // let the next request try again
    throw error;
  });
  return holder.parleyDatabase;
}
