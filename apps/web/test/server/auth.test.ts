import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Profile } from 'next-auth';
import type { CredentialsConfig } from 'next-auth/providers/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthOptions, userForEntraAccount } from '../../src/server/auth';
import { demoAuthSecret } from '../../src/server/auth-secret';
import { loadConfig } from '../../src/server/config';
import { openWorld, PASSWORD, type World } from './support';

let world: World;

beforeAll(async () => {
  world = await openWorld();
});

afterAll(async () => {
  await world?.database.close();
});

const entra = { clientId: 'app', clientSecret: 'shh', tenantId: 'contoso-directory' };

function options(withEntra = false) {
  return createAuthOptions({
    db: async () => world.db,
    secret: 'x'.repeat(32),
    entra: withEntra ? entra : null,
  });
}

/** The authorize function as next-auth calls it: the provider's user options win over its defaults. */
function authorize(email: string, password: string) {
  const provider = options().providers.find((p) => p.id === 'credentials') as CredentialsConfig & {
    options: Pick<CredentialsConfig, 'authorize'>;
  };
  return provider.options.authorize(
    { email, password },
    { body: {}, query: {}, headers: {}, method: 'POST' },
  );
}

describe('signing in with email and password', () => {
  it('lets the admin in with the right password, as their Parley user', async () => {
    const user = await authorize('ADA@acme.test', PASSWORD);
    expect(user).toEqual({ id: world.acme.users.admin.id, email: 'ada@acme.test', name: 'Ada Admin' });
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    expect(await authorize('ada@acme.test', 'wrong-password')).toBeNull();
    expect(await authorize('nobody@acme.test', PASSWORD)).toBeNull();
    expect(await authorize('', '')).toBeNull();
  });

  it('puts the user id in the session', async () => {
    const { callbacks } = options();
    const token = await callbacks!.jwt!({
      token: { sub: 'ignored' },
      user: { id: world.acme.users.admin.id },
      account: { provider: 'credentials', type: 'credentials', providerAccountId: world.acme.users.admin.id },
    });
    expect(token.sub).toBe(world.acme.users.admin.id);
    const session = await callbacks!.session!({
      session: { expires: '2099-01-01T00:00:00Z' },
      token,
    } as Parameters<NonNullable<NonNullable<ReturnType<typeof options>['callbacks']>['session']>>[0]);
    expect(session).toMatchObject({ userId: world.acme.users.admin.id });
  });
});

describe('signing in with Microsoft', () => {
  it('is offered only when configured', () => {
    expect(options(false).providers.map((p) => p.id)).toEqual(['credentials']);
    expect(options(true).providers.map((p) => p.id)).toEqual(['credentials', 'azure-ad']);
  });

  it('matches a known user by email and refuses an unknown account with a clear error', async () => {
    const { callbacks } = options(true);
    const account = { provider: 'azure-ad', type: 'oauth' as const, providerAccountId: 'x' };
    // Entra's ID token claims: `oid` is the account's object id in the directory.
    const known: Profile = { oid: 'oid-dee', email: 'dee@acme.test' } as Profile;
    expect(await callbacks!.signIn!({ user: { id: 'oid-dee' }, account, profile: known })).toBe(true);
    expect(
      await callbacks!.signIn!({
        user: { id: 'oid-eve' },
        account,
        profile: { oid: 'oid-eve', email: 'eve@evil.test' } as Profile,
      }),
    ).toBe('/sign-in?error=UnknownUser');
    const token = await callbacks!.jwt!({ token: {}, user: { id: 'oid-dee' }, account, profile: known });
    expect(token.sub).toBe(world.acme.users.designer.id);
  });

  it('does not hand a user linked to one Microsoft account to another showing the same email', async () => {
    const { createUser } = await import('@parley/db');
    await createUser(world.db, { email: 'lin@acme.test', name: 'Lin', entraObjectId: 'oid-lin' });
    expect((await userForEntraAccount(world.db, { oid: 'oid-lin' }))?.email).toBe('lin@acme.test');
    expect(await userForEntraAccount(world.db, { oid: 'oid-other', email: 'lin@acme.test' })).toBeNull();
  });
});

describe('configuration', () => {
  it('defaults the URL to the web port and reads Microsoft sign-in only when complete', () => {
    expect(loadConfig({ PARLEY_WEB_PORT: '3100' }).auth).toEqual({
      secret: undefined,
      url: 'http://localhost:3100',
      entra: null,
    });
    expect(() => loadConfig({ AUTH_MICROSOFT_ENTRA_ID_ID: 'app' })).toThrow(
      /missing AUTH_MICROSOFT_ENTRA_ID_SECRET/,
    );
    expect(() => loadConfig({ NEXTAUTH_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(loadConfig({ AUTH_SECRET: 's'.repeat(40) }).auth.secret).toBe('s'.repeat(40));
  });

  it('makes the demo secret once, readable by its owner only, and keeps it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'parley-web-')), 'data');
    const logged: string[] = [];
    const first = demoAuthSecret(dir, (m) => logged.push(m));
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
    expect(demoAuthSecret(dir, (m) => logged.push(m))).toBe(first);
    expect(readFileSync(join(dir, 'auth-secret'), 'utf8').trim()).toBe(first);
    expect(logged[0]).toMatch(/created a session secret/);
  });
});
