import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addMembership,
  ConflictError,
  checkCredentials,
  createTenant,
  createUser,
  ForbiddenError,
  hashPassword,
  requireRole,
  rolesOf,
  users,
  verifyPassword,
} from '../src';
import { useTestDatabase } from './support/database';

const database = useTestDatabase();

describe('people and their roles', () => {
  it('a password is stored as an scrypt hash and only the right password verifies', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
    expect(await verifyPassword('correct horse', 'garbage')).toBe(false);
  });

  it('a local user signs in with email in any case; the hash never leaves the repository', async () => {
    const { db } = database;
    const user = await createUser(db, { email: 'Ada@Example.com', name: 'Ada', password: 'correct horse' });
    expect(user.email).toBe('ada@example.com');
    expect(user).not.toHaveProperty('passwordHash');
    expect((await checkCredentials(db, 'ADA@example.com', 'correct horse'))?.id).toBe(user.id);
    expect(await checkCredentials(db, 'ada@example.com', 'nope')).toBeNull();
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(row?.hash).not.toContain('correct horse');
  });

  it('an Entra-only user has no password and cannot sign in locally', async () => {
    const { db } = database;
    await createUser(db, {
      email: 'grace@example.com',
      name: 'Grace',
      entraObjectId: '8f0c6a2e-1111-4c3b-9d7e-0a1b2c3d4e5f',
    });
    expect(await checkCredentials(db, 'grace@example.com', '')).toBeNull();
  });

  it('an email or tenant slug is taken once', async () => {
    const { db } = database;
    await createUser(db, { email: 'once@example.com', name: 'Once' });
    await expect(createUser(db, { email: 'ONCE@example.com', name: 'Twice' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await createTenant(db, { slug: 'contoso', name: 'Contoso' });
    await expect(createTenant(db, { slug: 'contoso', name: 'Contoso again' })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('roles are per tenant: a designer here is nobody there', async () => {
    const { db } = database;
    const here = await createTenant(db, { slug: 'here', name: 'Here' });
    const there = await createTenant(db, { slug: 'there', name: 'There' });
    const user = await createUser(db, { email: 'linus@example.com', name: 'Linus' });
    await addMembership(db, here.id, user.id, 'designer');
    await addMembership(db, here.id, user.id, 'publisher');
    await addMembership(db, here.id, user.id, 'designer'); // again: no change

    expect(await rolesOf(db, user.id, here.id)).toEqual(['designer', 'publisher']);
    expect(await rolesOf(db, user.id, there.id)).toEqual([]);
    await expect(requireRole(db, user.id, here.id, ['publisher'])).resolves.toContain('publisher');
    await expect(requireRole(db, user.id, there.id, ['analyst'])).rejects.toBeInstanceOf(ForbiddenError);
  });
});
