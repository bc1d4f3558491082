import { describe, expect, it } from 'vitest';
import { parleyForThisFile, runBrowserTests, snap, submitSignIn, VIEWPORT } from './support';

// Sign-in brings an admin back to the page they asked for, and only ever to a page of Parley. Against the
// production build (`npm run build -w @parley/web` first) over a freshly seeded demo tenant.

const parley = parleyForThisFile();

describe.skipIf(!runBrowserTests)('an admin who is not signed in follows a link', () => {
  it('opens the queues → is sent to sign in → signs in → lands on the queues, query and all', async () => {
    // A new page is a new browser context: no session cookie.
    const page = await parley.browser.newPage({ viewport: VIEWPORT });
    const queues = `${parley.base}/t/demo/queues?from=bookmark`;
    const response = await page.goto(queues);
    // The server answers with a redirect; no script has to run first.
    expect(response?.request().redirectedFrom()?.url()).toBe(queues);
    expect(page.url()).toBe(
      `${parley.base}/sign-in?callbackUrl=${encodeURIComponent('/t/demo/queues?from=bookmark')}`,
    );
    await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();

    await submitSignIn(page);
    await page.waitForURL(queues);
    await page.getByRole('heading', { name: 'Queues & agents', level: 1 }).waitFor();
    await snap(page, 'sign-in-returned-to-queues');
    await page.close();
  });

  it('a sign-in link that names another site → signs in → lands on Parley’s home, the flows', async () => {
    const page = await parley.browser.newPage({ viewport: VIEWPORT });
    for (const elsewhere of ['https://evil.example/t/demo/queues', '//evil.example/t/demo/queues']) {
      await page.context().clearCookies();
      await page.goto(`${parley.base}/sign-in?callbackUrl=${encodeURIComponent(elsewhere)}`);
      await submitSignIn(page);
      await page.waitForURL(`${parley.base}/t/demo/flows`);
      await page.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
    }
    await page.close();
  });
});
