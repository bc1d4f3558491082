import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, empty PGlite data directory (tarball) each test file starts its own database from. */
    pgliteSnapshot: string;
    /** The PGlite data directory the snapshot came from, and how many migrations its first open applied. */
    pgliteFirstOpen: { dataDir: string; migrated: number };
  }
}

/**
 * Starting PGlite from nothing runs initdb, seconds per test file; starting it from a snapshot of a
 * migrated database takes one. So the first open of a fresh data directory happens once, here, and
 * each file still gets a fresh in-memory database of its own. migrations.test.ts checks that first
 * open and reopens the directory.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if ((process.env.PARLEY_TEST_DB ?? 'pglite') !== 'pglite') return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'parley-db-test-'));
  const dataDir = join(dir, 'data');
  const database = await openDatabase({ dataDir });
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const snapshot = await client.dumpDataDir('none');
  await database.close();
  const file = join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  project.provide('pgliteFirstOpen', { dataDir, migrated: database.migrated });
  return () => rmSync(dir, { recursive: true, force: true });
}
