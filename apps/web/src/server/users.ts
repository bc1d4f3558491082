import { type Db, getUser, NotFoundError } from '@parley/db';

/** A user as other users see them next to their changes. */
export interface UserRef {
  id: string;
  name: string;
  email: string;
}

/** The user behind an id stored on a change, or null (nobody recorded, or the user is gone). */
export async function userRef(db: Db, userId: string | null): Promise<UserRef | null> {
  if (!userId) return null;
  try {
    const { id, name, email } = await getUser(db, userId);
    return { id, name, email };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
