import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { NotFoundError } from '../errors';
import { checkId, parseInput, uniquely } from '../input';
import { hashPassword, verifyPassword } from '../passwords';
import { users } from '../schema';

/** A user as the rest of Parley sees one: never with the password hash. */
export type User = Omit<typeof users.$inferSelect, 'passwordHash'>;

const userInput = z.object({
  email: z.email().transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(1).max(200),
  /** For local sign-in; omit for users who sign in with Entra ID only. */
  password: z.string().min(8, 'use at least 8 characters').max(1024).optional(),
  entraObjectId: z.string().min(1).optional(),
});

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  entraObjectId: users.entraObjectId,
  createdAt: users.createdAt,
};

/** Creates a user, hashing the password with scrypt; ConflictError when the email is taken. */
export async function createUser(db: Db, input: z.input<typeof userInput>): Promise<User> {
  const { password, ...values } = parseInput(userInput, input);
  const passwordHash = password === undefined ? null : await hashPassword(password);
  const [user] = await uniquely(
    db
      .insert(users)
      .values({ ...values, passwordHash })
      .returning(publicColumns),
    `a user with email ${values.email} exists`,
  );
  return user!;
}

/** A user by id. */
export async function getUser(db: Db, userId: string): Promise<User> {
  checkId('user', userId);
  const [user] = await db.select(publicColumns).from(users).where(eq(users.id, userId));
  if (!user) throw new NotFoundError('user', userId);
  return user;
}

/** A user by email (case does not matter), or null. */
export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const [user] = await db
    .select(publicColumns)
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}

/** The user whose local credentials these are, or null (unknown email, no password set, or wrong password). */
export async function checkCredentials(db: Db, email: string, password: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!row?.passwordHash || !(await verifyPassword(password, row.passwordHash))) return null;
  const { passwordHash: _, ...user } = row;
  return user;
}

/** Replaces a user's local password. */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  checkId('user', userId);
  const { password: valid } = parseInput(userInput.pick({ password: true }).required(), { password });
  const updated = await db
    .update(users)
    .set({ passwordHash: await hashPassword(valid) })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (updated.length === 0) throw new NotFoundError('user', userId);
}

/** Display names of the users behind a list of ids, in one query; ids of users who are gone are left out. */
export async function userNames(db: Db, userIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((u) => [u.id, u.name]));
}
