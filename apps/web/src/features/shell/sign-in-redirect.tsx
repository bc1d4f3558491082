'use client';

import { redirect, usePathname, useSearchParams } from 'next/navigation';
import { signInPath } from './return-path';

/**
 * Sends a visitor who is not signed in to the sign-in page, which brings them back here afterwards.
 * A client component because only the browser's side knows the whole URL a layout was rendered for;
 * rendered on the server, its redirect is still an HTTP redirect.
 */
export function SignInRedirect(): never {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  redirect(signInPath(query ? `${pathname}?${query}` : pathname));
}
