'use client';

import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { signInMessage } from './messages';
import styles from './sign-in.module.css';

export interface SignInFormProps {
  /** Where to go once signed in: a path of this app (see `returnPath`). */
  callbackUrl: string;
  /** Whether to offer Microsoft (Entra ID) sign-in. */
  microsoft: boolean;
  /** An error code from the URL, like after a refused Microsoft sign-in. */
  initialError: string | null;
}

/** Email and password, and Microsoft when configured; errors say what to do next. */
export function SignInForm({ callbackUrl, microsoft, initialError }: SignInFormProps) {
  const [error, setError] = useState<string | null>(signInMessage(initialError));
  const [pending, setPending] = useState<'credentials' | 'microsoft' | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending('credentials');
    setError(null);
    try {
      const result = await signIn<'credentials'>('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
        callbackUrl,
      });
      if (!result?.ok || result.error) {
        setError(signInMessage(result?.error ?? 'Callback'));
        setPending(null);
        return;
      }
      // A full load, so server components read the new session cookie. The path, not next-auth's URL
      // of it, which names the configured origin rather than the one this page was opened on.
      window.location.assign(callbackUrl);
    } catch {
      setError('Parley did not answer. Check that it is running, then try again.');
      setPending(null);
    }
  }

  return (
    <>
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
      <form className={styles.form} onSubmit={submit} aria-label="Sign in with email and password">
        <div className={styles.field}>
          <label htmlFor="sign-in-email">Email</label>
          <input id="sign-in-email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className={styles.field}>
          <label htmlFor="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        <button type="submit" className={styles.primary} disabled={pending !== null}>
          {pending === 'credentials' ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {microsoft ? (
        <>
          <p className={styles.divider}>or</p>
          <button
            type="button"
            className={styles.microsoft}
            disabled={pending !== null}
            onClick={() => {
              setPending('microsoft');
              void signIn('azure-ad', { callbackUrl });
            }}
          >
            {pending === 'microsoft' ? 'Opening Microsoft…' : 'Sign in with Microsoft'}
          </button>
        </>
      ) : null}
    </>
  );
}
