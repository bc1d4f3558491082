import { checkCredentials, type Db, findUserByEmail, type User } from '@parley/db';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import AzureADProvider from 'next-auth/providers/azure-ad';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { demoAuthSecret } from './auth-secret';
import { type EntraConfig, loadConfig } from './config';
import { getDatabase } from './database';
import { findUserByEntraObjectId } from './directory';

declare module 'next-auth' {
  interface Session {
    /** The Parley user (users.id) signed in. */
    userId?: string;
  }
}

/** Error codes of the sign-in page beyond next-auth's own (CredentialsSignin, OAuthCallback, …). */
export const UNKNOWN_USER = 'UnknownUser';

export const ENTRA_PROVIDER_ID = 'azure-ad';

export interface AuthDeps {
  db: () => Promise<Db>;
  /** Signs and encrypts the session JWT. */
  secret: string;
  entra: EntraConfig | null;
}

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** The claims of a Microsoft sign-in that Parley matches users by. */
const entraClaims = z.object({
  oid: z.string().min(1).optional(),
  email: z.string().optional(),
  preferred_username: z.string().optional(),
});

/** The Parley user a Microsoft account is: by its object id first, else by email; null when none. */
export async function userForEntraAccount(db: Db, profile: unknown): Promise<User | null> {
  const claims = entraClaims.safeParse(profile);
  if (!claims.success) return null;
  const { oid, email, preferred_username: upn } = claims.data;
  if (oid) {
    const linked = await findUserByEntraObjectId(db, oid);
    if (linked) return linked;
  }
  const address = email ?? upn;
  if (!address) return null;
  const user = await findUserByEmail(db, address);
  // A user linked to one Entra account is not taken over by another that shows the same address.
  if (!user || (user.entraObjectId && user.entraObjectId !== oid)) return null;
  return user;
}

/**
 * next-auth options: email and password against the users table, Microsoft (Entra ID) when configured,
 * and JWT sessions whose `sub` is the Parley user id. Only users Parley knows get in.
 */
export function createAuthOptions(deps: AuthDeps): NextAuthOptions {
  const providers: NextAuthOptions['providers'] = [
    CredentialsProvider({
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      authorize: async (credentials) => {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await checkCredentials(await deps.db(), parsed.data.email, parsed.data.password);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ];
  if (deps.entra) {
    providers.push(
      AzureADProvider({
        clientId: deps.entra.clientId,
        clientSecret: deps.entra.clientSecret,
        // One directory: accounts of other organizations cannot even reach the callback.
        tenantId: deps.entra.tenantId,
        // The default profile also fetches the user's photo from Graph on every sign-in; Parley shows none.
        profile: (p) => ({
          id: String(p.oid ?? p.sub),
          name: p.name ?? p.preferred_username ?? null,
          email: p.email ?? p.preferred_username ?? null,
          image: null,
        }),
      }),
    );
  }
  return {
    secret: deps.secret,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers,
    callbacks: {
      signIn: async ({ account, profile }) => {
        if (account?.provider !== ENTRA_PROVIDER_ID) return true;
        const user = await userForEntraAccount(await deps.db(), profile);
        return user ? true : `/sign-in?error=${UNKNOWN_USER}`;
      },
      jwt: async ({ token, user, account, profile }) => {
        if (!account) return token; // a session being read, not a sign-in
        const id =
          account.provider === ENTRA_PROVIDER_ID
            ? (await userForEntraAccount(await deps.db(), profile))?.id
            : user?.id;
        if (!id) throw new Error(UNKNOWN_USER);
        return { ...token, sub: id };
      },
      session: ({ session, token }) => ({ ...session, userId: token.sub }),
    },
  };
}

// Next bundles each route separately, so a module-level cache would be one per route; one per process
// keeps the demo secret's log line to one.
const holder = globalThis as { parleyAuthOptions?: NextAuthOptions };

/** The web app's auth options, made on first use (never at build time: the demo secret is a file). */
export function getAuthOptions(): NextAuthOptions {
  if (holder.parleyAuthOptions) return holder.parleyAuthOptions;
  const config = loadConfig();
  // next-auth v4 takes its own URL from this variable only.
  process.env.NEXTAUTH_URL ??= config.auth.url;
  holder.parleyAuthOptions = createAuthOptions({
    db: async () => (await getDatabase()).db,
    secret: config.auth.secret ?? demoAuthSecret(config.dataDir),
    entra: config.auth.entra,
  });
  return holder.parleyAuthOptions;
}

/** The signed-in Parley user's id for this request, or null. */
export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(getAuthOptions());
  return session?.userId ?? null;
}

/** Whether Microsoft sign-in is configured (the sign-in page shows its button only then). */
export function entraSignInEnabled(): boolean {
  return loadConfig().auth.entra !== null;
}
