/** What each sign-in error code means for the person signing in, and what to do next. */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'That email and password do not match a Parley account. Check both and try again.',
  UnknownUser:
    'Your Microsoft account is not a Parley user yet. Ask an admin of your tenant to add your email, then sign in again.',
  AccessDenied: 'This account may not sign in to Parley. Ask an admin of your tenant to add you.',
  OAuthSignin:
    'Microsoft sign-in could not start. Try again; if it keeps failing, ask your admin to check the app registration.',
  OAuthCallback: 'Microsoft sign-in did not complete. Try again.',
  Callback: 'Sign-in did not complete. Try again.',
  SessionRequired: 'Sign in to continue.',
  Configuration: 'Sign-in is not configured correctly on the server. Ask your admin to check its log.',
};

/** A readable message for a next-auth (or Parley) sign-in error code; null for none. */
export function signInMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? `Sign-in failed (${code}). Try again.`;
}
