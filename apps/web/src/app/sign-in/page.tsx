import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { returnPath } from '../../features/shell/return-path';
import { entraSignInEnabled, getSessionUserId } from '../../server/auth';
import styles from './sign-in.module.css';
import { SignInForm } from './sign-in-form';

// Reads the session cookie and the configuration on every request.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const callbackUrl = returnPath(first(params.callbackUrl));
  if (await getSessionUserId()) redirect(callbackUrl);
  return (
    <section className={styles.panel} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in to Parley</h1>
      <p className="muted">Design and publish your call flows.</p>
      <SignInForm
        callbackUrl={callbackUrl}
        microsoft={entraSignInEnabled()}
        initialError={first(params.error) ?? null}
      />
    </section>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
