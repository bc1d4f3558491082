import {
  addMembership,
  createTenant,
  createUser,
  type Database,
  type Db,
  openDatabase,
  type Role,
  type User,
} from '@parley/db';
import { appRouter } from '../../src/server/routers';
import { createCallerFactory } from '../../src/server/trpc';

export const PASSWORD = 'correct-horse-battery';

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

/** A throwaway database with two tenants: Acme, with one user per role, and Globex, with its own admin. */
export interface World {
  database: Database;
  db: Db;
  acme: { id: string; users: Record<Role, User> };
  globex: { id: string; admin: User };
  /** The server as a signed-in user (or nobody) sees it. */
  as(user: User | null): Caller;
}

export async function openWorld(): Promise<World> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const { db } = database;
  const acme = await createTenant(db, { slug: 'acme', name: 'Acme' });
  const globex = await createTenant(db, { slug: 'globex', name: 'Globex' });
  const person = async (email: string, name: string, tenantId: string, role: Role) => {
    const user = await createUser(db, { email, name, password: PASSWORD });
    await addMembership(db, tenantId, user.id, role);
    return user;
  };
  const users: Record<Role, User> = {
    admin: await person('ada@acme.test', 'Ada Admin', acme.id, 'admin'),
    designer: await person('dee@acme.test', 'Dee Designer', acme.id, 'designer'),
    publisher: await person('pat@acme.test', 'Pat Publisher', acme.id, 'publisher'),
    analyst: await person('ann@acme.test', 'Ann Analyst', acme.id, 'analyst'),
  };
  const globexAdmin = await person('gus@globex.test', 'Gus Globex', globex.id, 'admin');
  return {
    database,
    db,
    acme: { id: acme.id, users },
    globex: { id: globex.id, admin: globexAdmin },
    as: (user) => createCaller({ db, userId: user?.id ?? null }),
  };
}

/** The tRPC error code a call failed with, or `ok`. */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? `not a tRPC error: ${String(error)}`;
  }
}

/** Calls a procedure by its dotted path, as the table-driven tests need. */
export function callPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let node: unknown = caller;
  for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
  return (node as (input: unknown) => Promise<unknown>)(input);
}
