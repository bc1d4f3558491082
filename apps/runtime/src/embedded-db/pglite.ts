import type { Database } from '@parley/db';
import type { ProtocolBackend } from './wire-server';

/** The PGlite instance under an embedded database, through drizzle's `$client` handle on its driver. */
export function pgliteOf(database: Pick<Database, 'db' | 'driver'>): ProtocolBackend {
  const client = (database.db as unknown as { $client?: Partial<ProtocolBackend> }).$client;
  if (
    database.driver !== 'pglite' ||
    typeof client?.execProtocolRaw !== 'function' ||
    typeof client.runExclusive !== 'function'
  ) {
    throw new Error('only an embedded (PGlite) database can be served on the PostgreSQL protocol');
  }
  return client as ProtocolBackend;
}
