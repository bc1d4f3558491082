import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { designer, parleyForThisFile, poll, runBrowserTests, signIn, snap, VIEWPORT } from './support';

// End to end through the UI only, against the production build (`npm run build -w @parley/web` first)
// over a freshly seeded demo tenant. Screenshots of each step land in ./screenshots.

const STEP = 60_000;
const parley = parleyForThisFile();

describe.skipIf(!runBrowserTests)('an admin builds, tests, publishes and rolls back a call flow', () => {
  let page: Page;
  let d: ReturnType<typeof designer>;
  const ids = { hours: '', menu: '', queue: '', transfer: '' };

  beforeAll(async () => {
    page = await parley.browser.newPage({ viewport: VIEWPORT });
    d = designer(page);
  });

  it(
    'signs in as the demo admin → sees the demo tenant’s flows',
    async () => {
      await signIn(page, parley.base);
      await page.getByRole('link', { name: 'Simple menu' }).waitFor();
      await snap(page, '01-signed-in');
    },
    STEP,
  );

  it(
    'creates “E2E support line” → adds hours, a menu, a queue and a transfer → wires them by dragging',
    async () => {
      await page.getByRole('button', { name: 'New flow' }).click();
      const dialog = page.getByRole('dialog', { name: 'New flow' });
      await dialog.getByLabel('Name').fill('E2E support line');
      await dialog.getByRole('button', { name: 'Create and open' }).click();
      await page.waitForURL(/\/t\/demo\/flows\/[^/]+$/);
      await page.getByRole('heading', { name: 'E2E support line', level: 1 }).waitFor();
      await poll(() => page.locator('.react-flow__node').count()).toBe(2); // incoming call → hang up

      ids.hours = await d.add('Business hours');
      ids.menu = await d.add('Menu');
      await d.inspector
        .getByRole('group', { name: 'Prompt', exact: true })
        .getByLabel('Text')
        .fill('For support, press 1. For the front desk, press 2.');
      await d.inspector
        .getByRole('group', { name: /^Option 1/ })
        .getByLabel('Label')
        .fill('Support');
      await d.inspector
        .getByRole('group', { name: /^Option 2/ })
        .getByLabel('Label')
        .fill('Front desk');

      ids.queue = await d.add('Queue');
      const queue = d.inspector.getByLabel(/^Queue( \*)?$/);
      expect(await queue.locator('option').allTextContents()).toContain('Support');
      await queue.selectOption({ label: 'Support' });

      ids.transfer = await d.add('Transfer');
      // The target's kind (the first "Kind": a Teams user has a kind of its own below it).
      await d.inspector.getByLabel('Kind').first().selectOption({ label: 'Phone number' });
      await d.inspector.getByLabel('Phone number (E.164)').fill('+14255550123');

      // Room for every handle, then the wires, each dragged from an outcome to a node.
      await d.autoLayout();
      await d.wire('start', 'next', ids.hours);
      await d.wire(ids.hours, 'open', ids.menu);
      await d.wire(ids.menu, '1', ids.queue);
      await d.wire(ids.menu, '2', ids.transfer);
      await d.autoLayout();

      await d.select(ids.menu);
      const outcomes = d.inspector.getByRole('group', { name: 'Outcomes' });
      expect(await outcomes.textContent()).toContain(`→ ${ids.queue}`);
      expect(await outcomes.textContent()).toContain(`→ ${ids.transfer}`);
      await snap(page, '02-built-and-wired');
    },
    STEP,
  );

  it(
    'sees Closed unwired in Problems → clicks it → the Closed outcome is focused → wires Closed to hang up → the problem is gone',
    async () => {
      await page.getByRole('tab', { name: /^Problems/ }).click();
      const closed = d.problems.getByRole('button', { name: /outcome "Closed" is not connected/ });
      await closed.waitFor();

      await closed.click();
      await poll(() => d.inspector.locator('header code').textContent()).toBe(ids.hours);
      await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe(
        'outcomes.closed',
      );
      expect(await d.node(ids.hours).getAttribute('class')).toContain('selected');
      await snap(page, '03a-problem-picked');

      await d.fitView();
      // Closed leads to the starter's Hang up, which brings that node back on the path as well.
      await d.wire(ids.hours, 'closed', 'hangup');
      await poll(() => closed.count()).toBe(0);
      expect(await d.problems.textContent()).not.toContain('no path from Incoming call leads here');

      // Every other outcome ends the call, ticked in the inspector.
      const endings: [string, string[]][] = [
        [ids.hours, ['Holiday']],
        [ids.menu, ['No input', 'Invalid']],
        [ids.queue, ['Answered, agent left', 'Timeout', 'Queue full', 'No agents']],
        [ids.transfer, ['Failed']],
      ];
      for (const [node, labels] of endings) {
        await d.select(node);
        for (const label of labels) await d.inspector.getByLabel(`End the call on ${label}`).check();
      }
      await d.problems.getByText('No problems: this flow can be published.').waitFor();
      await snap(page, '03b-problems-fixed');
    },
    STEP,
  );

  it(
    'calls the flow in the simulator on a Tuesday at 10:00 → presses 1 → the queue is the current node',
    async () => {
      await page.getByRole('tab', { name: 'Simulator' }).click();
      await page.getByLabel('Call time').fill('2026-12-22T10:00');
      await page.getByRole('button', { name: 'Start call' }).click();
      await poll(() => d.card(ids.menu).getAttribute('data-sim')).toBe('current');
      await page.getByRole('button', { name: 'Press 1' }).click();
      await poll(() => d.card(ids.queue).getAttribute('data-sim')).toBe('current');
      expect(await d.card(ids.hours).getAttribute('data-sim')).toBe('visited');
      expect(await page.getByLabel('Call transcript').textContent()).toContain('Caller pressed 1');
      await snap(page, '04-simulated-call');
      const simulator = page.getByRole('tabpanel', { name: 'Simulator' });
      await simulator.getByRole('button', { name: 'Hang up' }).click();
      await simulator.getByRole('button', { name: 'Clear' }).click();
      await poll(() => d.card(ids.queue).getAttribute('data-sim')).toBeNull();
    },
    STEP,
  );

  it(
    'publishes version 1 with a note → v1 is live',
    async () => {
      await publish('First cut: hours, menu, queue and transfer', 1);
      await snap(page, '05-published-v1');
    },
    STEP,
  );

  it(
    'rewords the menu prompt → waits for Saved → publishes version 2',
    async () => {
      await d.select(ids.menu);
      const before = await d.revision();
      await d.inspector
        .getByRole('group', { name: 'Prompt', exact: true })
        .getByLabel('Text')
        .fill('Thanks for calling. For support, press 1. For the front desk, press 2.');
      const saved = await d.saved(before);
      expect(await d.saveState.textContent()).toMatch(/^Saved/);
      await snap(page, '06a-saved');
      await publish('Friendlier menu greeting', 2, saved);
      await snap(page, '06b-published-v2');
    },
    STEP,
  );

  it(
    'compares v1 with v2 in Versions → the menu is painted changed → the comparison lists its prompt',
    async () => {
      await page.getByRole('button', { name: 'Versions' }).click();
      const versions = page.getByRole('complementary', { name: 'Versions' });
      await versions.getByRole('checkbox', { name: /^Version 1(?!\d)/ }).check();
      await versions.getByRole('checkbox', { name: /^Version 2(?!\d)/ }).check();
      await versions.getByRole('button', { name: 'Compare' }).click();

      const comparison = versions.getByRole('status', { name: 'Comparison' });
      await comparison.getByText('From version 1 to version 2').waitFor();
      expect(await comparison.textContent()).toContain('Changed nodes (1)');
      expect(await comparison.getByRole('listitem').allTextContents()).toEqual([
        expect.stringMatching(new RegExp(`\\(${ids.menu}\\): .*prompt`)),
      ]);
      await poll(() => d.card(ids.menu).getAttribute('data-diff')).toBe('changed');
      for (const other of [ids.hours, ids.queue, ids.transfer, 'start'])
        expect(await d.card(other).getAttribute('data-diff')).toBeNull();
      await snap(page, '07-compared');
    },
    STEP,
  );

  it(
    'rolls back to v1 → confirms → v1 is live again',
    async () => {
      const versions = page.getByRole('complementary', { name: 'Versions' });
      await versions.getByRole('button', { name: 'Roll back to this version' }).click();
      const confirm = page.getByRole('dialog', { name: 'Roll back to version 1?' });
      await confirm.getByRole('button', { name: 'Make version 1 live' }).click();
      await versions.getByText('Version 1 is live again.').waitFor();
      await d.toolbar.getByText('live v1').waitFor();
      const v1 = versions.getByRole('listitem').filter({ hasText: /Version 1(?!\d)/ });
      await poll(() => v1.locator('.badge').textContent()).toBe('live');
      await snap(page, '08-rolled-back');
    },
    STEP,
  );

  /** Publish…, a note, Publish version N: the bar says it is live. */
  async function publish(note: string, version: number, revision?: number) {
    const button = d.toolbar.getByRole('button', { name: 'Publish…' });
    await poll(() => button.isEnabled()).toBe(true);
    await button.click();
    const dialog = page.getByRole('dialog', { name: `Publish version ${version}` });
    if (revision !== undefined) await dialog.getByText(`Revision ${revision} of the draft`).waitFor();
    await dialog.getByLabel('Note (optional)').fill(note);
    await dialog.getByRole('button', { name: `Publish version ${version}` }).click();
    await d.toolbar.getByText(`Version ${version} is live.`).waitFor();
    await d.toolbar.getByText(`live v${version}`).waitFor();
  }
});

describe.skipIf(!runBrowserTests)('two windows edit the same draft', () => {
  it('the first saves → the second’s save is refused, names who saved → reload shows the first edit', async () => {
    const open = async () => {
      const context = await parley.browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      await signIn(page, parley.base);
      await page.getByRole('link', { name: 'Simple menu' }).click();
      await page.getByRole('heading', { name: 'Simple menu', level: 1 }).waitFor();
      return { page, d: designer(page) };
    };
    const first = await open();
    const second = await open(); // opened at the same revision as the first
    const promptText = (d: ReturnType<typeof designer>) =>
      d.inspector.getByRole('group', { name: 'Prompt', exact: true }).getByLabel('Text');

    await first.d.select('welcome');
    const opened = await first.d.revision();
    await promptText(first.d).fill('Welcome to Contoso support.');
    const saved = await first.d.saved(opened);
    await snap(first.page, '09a-first-window-saved');

    await second.d.select('goodbye');
    expect(await second.d.revision()).toBe(opened);
    await promptText(second.d).fill('Goodbye from the second window.');
    const banner = second.page.getByRole('alert').filter({ hasText: 'Your changes were not saved.' });
    await banner.waitFor({ timeout: 15_000 });
    // Both windows are the demo admin's, so the banner names "you, in another window".
    expect(await banner.textContent()).toMatch(
      new RegExp(
        `You, in another tab or window, saved this flow at .+ \\(revision ${saved}\\) after you opened it`,
      ),
    );
    await banner.getByRole('button', { name: 'Keep mine as a copy' }).waitFor();
    expect(await second.d.saveState.textContent()).toBe('Conflict: not saved');
    expect(await second.d.toolbar.getByRole('button', { name: 'Publish…' }).isDisabled()).toBe(true);
    await snap(second.page, '09b-second-window-conflict');

    await banner.getByRole('button', { name: 'Reload their version' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(await second.d.revision()).toBe(saved);
    await second.d.select('welcome');
    expect(await promptText(second.d).inputValue()).toBe('Welcome to Contoso support.');
    await second.d.select('goodbye');
    expect(await promptText(second.d).inputValue()).toBe('Goodbye.');
    await snap(second.page, '09c-second-window-reloaded');

    // Not a lost update: the stored draft, opened afresh, still has the first window's edit.
    await first.page.reload();
    await first.page.getByRole('heading', { name: 'Simple menu', level: 1 }).waitFor();
    await first.d.select('welcome');
    expect(await promptText(first.d).inputValue()).toBe('Welcome to Contoso support.');
    expect(await first.d.revision()).toBe(saved);
  }, 90_000);
});
