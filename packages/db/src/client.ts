import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { z } from 'zod';
import { queryRows } from './raw';
import * as schema from './schema';

export type Schema = typeof schema;
/** A drizzle handle on either driver, or a transaction on one: repositories accept all of them. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Where the data lives: the PGlite directory, or the server URL without its password. */
  location: string;
  /** How many migrations this open applied (0 when the schema was already current). */
  migrated: number;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL URL; wins over everything else. */
  url?: string;
  /** A PGlite data directory, or `memory://` for a throwaway in-memory database (tests). */
  dataDir?: string;
}

// An empty variable (DATABASE_URL= in a .env file) means unset, not an invalid URL.
const unsetWhenEmpty = (v: unknown) => (v === '' ? undefined : v);
const envSchema = z.object({
  DATABASE_URL: z.preprocess(unsetWhenEmpty, z.url().optional()),
  PARLEY_DATA_DIR: z.preprocess(unsetWhenEmpty, z.string().default('.data')),
});

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));
// Any fixed number works; it only has to be the same for every Parley process sharing a server.
const MIGRATION_LOCK = 7_305_551_234;

/**
 * Opens Parley's database and brings its schema up to date: PostgreSQL when a URL is given (or
 * DATABASE_URL is set and no dataDir is given), otherwise embedded PGlite in a data directory.
 */
export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const env = envSchema.parse(process.env);
  const url = opts.url ?? (opts.dataDir === undefined ? env.DATABASE_URL : undefined);
  return url ? openPostgres(url) : openPglite(opts.dataDir ?? env.PARLEY_DATA_DIR);
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  return onPglite(await PGlite.create(dataDir), dataDir);
}

/**
 * Wraps a PGlite instance someone else created (tests start theirs from a migrated snapshot) and
 * migrates it; closing the database closes the instance.
 */
export async function onPglite(client: PGlite, location: string): Promise<Database> {
  try {
    const db = drizzlePglite({ client, schema });
    const before = await appliedCount(db);
    // PGlite runs one query at a time in one process, so no lock is needed around migrations.
    await migratePglite(db, { migrationsFolder });
    return {
      db,
      driver: 'pglite',
      location,
      migrated: (await appliedCount(db)) - before,
      close: () => client.close(),
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const migrated = await migratePostgresOnce(url);
  const client = postgres(url, { max: 10, onnotice: () => {} });
  return {
    db: drizzlePostgres({ client, schema }),
    driver: 'postgres',
    location: redact(url),
    migrated,
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Several Parley processes (runtime, web) may start against one server at once; an advisory lock on a
 * single dedicated connection makes them migrate one after the other instead of racing.
 */
async function migratePostgresOnce(url: string): Promise<number> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzlePostgres({ client, schema });
    await db.execute(sql`select pg_advisory_lock(${sql.raw(String(MIGRATION_LOCK))})`);
    try {
      const before = await appliedCount(db);
      await migratePostgres(db, { migrationsFolder });
      return (await appliedCount(db)) - before;
    } finally {
      // Explicit, because behind a connection pooler (or PGlite's wire server) the session outlives us.
      await db.execute(sql`select pg_advisory_unlock(${sql.raw(String(MIGRATION_LOCK))})`);
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function appliedCount(db: Db): Promise<number> {
  const [exists] = await queryRows<{ table: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as "table"`,
  );
  if (!exists?.table) return 0;
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return count?.n ?? 0;
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
