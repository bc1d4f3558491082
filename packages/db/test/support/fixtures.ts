import { randomBytes } from 'node:crypto';
import brokenMenu from '../../../flow-schema/examples/broken-menu.json' with { type: 'json' };
import simpleMenu from '../../../flow-schema/examples/simple-menu.json' with { type: 'json' };
import { addMembership, createFlow, createTenant, createUser, type Db, publishFlow } from '../../src';

/** A flow document that publishes. */
export const validFlow = simpleMenu;
/** A flow document with problems, which must never publish. */
export const invalidFlow = brokenMenu;

/** A new tenant with an admin, named uniquely so tests in one database do not meet. */
export async function newTenant(
  db: Db,
  label = 'tenant',
): Promise<{ tenantId: string; userId: string; slug: string }> {
  const slug = `${label}-${randomBytes(4).toString('hex')}`;
  const tenant = await createTenant(db, { slug, name: `Tenant ${slug}` });
  const user = await createUser(db, { email: `admin@${slug}.test`, name: `Admin of ${slug}` }); // no password: scrypt is slow on purpose
  await addMembership(db, tenant.id, user.id, 'admin');
  return { tenantId: tenant.id, userId: user.id, slug };
}

/** A new tenant whose valid flow is published (version 1), for tests of calls. */
export async function publishedFlow(
  db: Db,
): Promise<{ tenantId: string; userId: string; slug: string; flowId: string }> {
  const t = await newTenant(db);
  const flow = await createFlow(db, t.tenantId, { name: 'Main line', document: validFlow }, t.userId);
  await publishFlow(db, t.tenantId, flow.id, { actorId: t.userId });
  return { ...t, flowId: flow.id };
}

/** The database error under drizzle's "Failed query" wrapper, for asserting on what PostgreSQL said. */
export async function databaseFailure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(' | ');
  }
  throw new Error('expected the database to refuse');
}
