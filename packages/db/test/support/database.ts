import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { type Database, openDatabase } from '../../src';
import { onPglite } from '../../src/client';

/**
 * A fresh, migrated database for one test file, on the driver PARLEY_TEST_DB names: an in-memory
 * PGlite (default), or a database of its own on the DATABASE_URL server, dropped on close, so files
 * run in parallel and reruns start clean.
 */
export async function openTestDatabase(): Promise<Database> {
  const driver = process.env.PARLEY_TEST_DB ?? 'pglite';
  if (driver === 'pglite') {
    const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
    return onPglite(await PGlite.create({ loadDataDir: snapshot }), 'memory://');
  }
  if (driver !== 'postgres') throw new Error(`PARLEY_TEST_DB must be pglite or postgres, not "${driver}"`);
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      'PARLEY_TEST_DB=postgres needs DATABASE_URL (a server where this role may create databases)',
    );

  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  try {
    const database = await openDatabase({ url: own.toString() });
    return {
      ...database,
      close: async () => {
        await database.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  } catch (error) {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
    throw error;
  }
}

/**
 * The test file's database: opened before its tests, closed after them. Read its fields inside tests
 * (`const { db } = database`), not at the file's top level, where it is not open yet.
 */
export function useTestDatabase(): Database {
  let opened: Database | undefined;
  beforeAll(async () => {
    opened = await openTestDatabase();
  });
  afterAll(async () => {
    await opened?.close();
  });
  return new Proxy({} as Database, {
    get(_, field) {
      if (!opened) throw new Error('the test database is open only inside tests and hooks');
      return opened[field as keyof Database];
    },
  });
}

/** A throwaway PostgreSQL database URL (and how to drop it), for tests that open and reopen by URL. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('PARLEY_TEST_DB=postgres needs DATABASE_URL');
  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
