import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import journal from '../migrations/meta/_journal.json' with { type: 'json' };
import { createTenant, type Database, findTenantBySlug, openDatabase, queryRows } from '../src';
import { createPostgresDatabase } from './support/database';

/** Every committed migration. */
const MIGRATIONS = journal.entries.length;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/**
 * Opens a fresh database on the driver under test, and says how to open it again. PGlite's fresh data
 * directory was opened once by the global setup (initdb is slow); PostgreSQL gets a new database here.
 */
async function freshDatabase(): Promise<{
  first: Database | { migrated: number };
  where: { url: string } | { dataDir: string };
}> {
  if ((process.env.PARLEY_TEST_DB ?? 'pglite') === 'postgres') {
    const { url, drop } = await createPostgresDatabase();
    cleanups.push(drop);
    return { first: await openDatabase({ url }), where: { url } };
  }
  const { dataDir, migrated } = inject('pgliteFirstOpen');
  return { first: { migrated }, where: { dataDir } };
}

describe('migrations', () => {
  it('apply on a fresh database, and opening it again applies none and keeps the data', async () => {
    const { first, where } = await freshDatabase();
    expect(first.migrated).toBe(MIGRATIONS);
    if ('close' in first) await first.close();

    const again = await openDatabase(where);
    try {
      expect(again.migrated).toBe(0);
      await createTenant(again.db, { slug: 'kept', name: 'Kept' });
      const triggers = await queryRows<{ tgname: string }>(
        again.db,
        sql`select tgname from pg_trigger where tgrelid = 'flow_versions'::regclass and not tgisinternal order by tgname`,
      );
      expect(triggers.map((t) => t.tgname)).toEqual(['flow_versions_immutable', 'flow_versions_no_truncate']);
    } finally {
      await again.close();
    }
    const third = await openDatabase(where);
    try {
      expect(third.migrated).toBe(0);
      expect(await findTenantBySlug(third.db, 'kept')).toMatchObject({ name: 'Kept' });
    } finally {
      await third.close();
    }
  });

  it('PARLEY_TEST_DB=postgres without DATABASE_URL fails loudly instead of skipping', async () => {
    const saved = { driver: process.env.PARLEY_TEST_DB, url: process.env.DATABASE_URL };
    process.env.PARLEY_TEST_DB = 'postgres';
    delete process.env.DATABASE_URL;
    try {
      const { openTestDatabase } = await import('./support/database');
      await expect(openTestDatabase()).rejects.toThrow(/needs DATABASE_URL/);
    } finally {
      if (saved.driver === undefined) delete process.env.PARLEY_TEST_DB;
      else process.env.PARLEY_TEST_DB = saved.driver;
      if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    }
  });
});
