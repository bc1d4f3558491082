import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nodeTypes } from '@parley/flow-schema';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForServer } from '../support/next-server';

// Needs `npm run build -w @parley/web` first. Outside CI it skips when there is no Chromium; under CI
// a missing Chromium is a failure, never a skip.
const CI = process.env.CI === 'true' || process.env.CI === '1';
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const web = join(import.meta.dirname, '../..');
const screenshots = join(import.meta.dirname, 'screenshots');

describe.skipIf(!CI && !haveChromium)('the designer preview in Chromium', () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    expect(haveChromium, `Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`).toBe(true);
    expect(
      existsSync(join(web, '.next/BUILD_ID')),
      'the web app is not built: run `npm run build -w @parley/web` first',
    ).toBe(true);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    let log = '';
    server = spawn(
      join(web, '../../node_modules/.bin/next'),
      ['start', '-p', String(port), '-H', '127.0.0.1'],
      {
        cwd: web,
        env: { ...process.env, PARLEY_WEB_PORT: String(port), NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    server.stdout?.on('data', (d) => (log += d));
    server.stderr?.on('data', (d) => (log += d));
    await waitForServer(`${base}/designer-preview`, server, () => log);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

  it('shows the example flow with every node type in the palette', async () => {
    await page.goto(`${base}/designer-preview`);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 15_000 }).toBe(14);
    const palette = await page
      .locator('[data-node-type]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-node-type')));
    expect(palette).toHaveLength(13);
    expect(new Set(palette)).toEqual(new Set(nodeTypes.map((t) => t.type)));
    // One handle per named outcome: the main menu has 3 keys, No input and Invalid.
    expect(await node('mainMenu').locator('.react-flow__handle.source').count()).toBe(5);
    expect(await node('start').locator('.react-flow__handle.target').count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'designer.png') });
  });

  it('opens a node’s form when the node is clicked', async () => {
    await node('mainMenu').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.locator('h2').textContent()).toBe('Menu');
    const text = inspector.locator('textarea[data-field="prompt.text"]');
    expect(await text.inputValue()).toContain('For billing press 1');
    expect(await inspector.getByLabel('Kind').first().inputValue()).toBe('tts');
    expect(await inspector.locator('[data-field="options.0.key"]').inputValue()).toBe('1');
    await page.screenshot({ path: join(screenshots, 'inspector-menu.png') });

    await node('supportQueue').click();
    await expect.poll(() => inspector.locator('h2').textContent()).toBe('Queue');
    const queue = inspector.locator('select[data-field="queueId"]');
    expect(await queue.inputValue()).toBe('q-support');
    expect(await queue.locator('option:checked').textContent()).toBe('Technical support');
  });

  it('adds a node from the palette, shows its problems, and takes it back with undo', async () => {
    await page.locator('[data-node-type="playPrompt"]').click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(15);
    await expect
      .poll(() => page.locator('[role="tab"]', { hasText: 'Problems' }).textContent())
      .toMatch(/Problems\d+/);
    await page.screenshot({ path: join(screenshots, 'added-node.png') });
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 300 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(14);
  });

  it('runs a call in the simulator: pressing 1 lights the next node', async () => {
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await page.locator('#sim-start-at').fill('2026-12-22T10:00');
    await page.getByRole('button', { name: 'Start call' }).click();
    await expect
      .poll(() => page.locator('[data-node-id="mainMenu"]').getAttribute('data-sim'), { timeout: 10_000 })
      .toBe('current');
    await page.getByRole('button', { name: 'Press 1' }).click();
    await expect
      .poll(() => page.locator('[data-node-id="askAccount"]').getAttribute('data-sim'))
      .toBe('current');
    expect(await page.locator('[data-node-id="mainMenu"]').getAttribute('data-sim')).toBe('visited');
    expect(await page.getByLabel('Call transcript').textContent()).toContain('Caller pressed 1');
    await page.screenshot({ path: join(screenshots, 'simulator.png') });
  });

  it('arranges the flow top-down with Auto layout', async () => {
    const before = await node('mainMenu').boundingBox();
    await page.getByRole('button', { name: 'Auto layout' }).click();
    await expect
      .poll(async () => JSON.stringify(await node('mainMenu').boundingBox()))
      .not.toBe(JSON.stringify(before));
    await page.waitForTimeout(400); // the fit-to-view animation
    const start = (await node('start').boundingBox())!;
    const menu = (await node('mainMenu').boundingBox())!;
    expect(start.y).toBeLessThan(menu.y);
    await page.screenshot({ path: join(screenshots, 'auto-layout.png') });
  });

  it('checks the schedule, and looks right in dark mode', async () => {
    await page.getByRole('tab', { name: 'Schedule check' }).click();
    await page.locator('#schedule-check-at').fill('2026-12-25T10:00');
    await expect.poll(() => page.locator('table').last().textContent()).toContain('Holiday');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(screenshots, 'schedule-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('opens a 500-node flow and stays interactive', async () => {
    const started = Date.now();
    await page.goto(`${base}/designer-preview?nodes=500`);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
    const opened = Date.now() - started;
    expect(await page.locator('header h1').last().textContent()).toMatch(/Large flow \((49\d|500) nodes\)/);
    // The node nearest the middle of the canvas: clicking, then dragging it.
    const target = await page.evaluate(() => {
      const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
      const cx = pane.left + pane.width / 2;
      const cy = pane.top + pane.height / 2;
      let best = { id: '', x: 0, y: 0, d: Number.POSITIVE_INFINITY };
      for (const el of document.querySelectorAll('.react-flow__node')) {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + Math.min(12, r.height / 2);
        const d = Math.hypot(x - cx, y - cy);
        if (d < best.d) best = { id: el.getAttribute('data-id')!, x, y, d };
      }
      return best;
    });
    const clicked = Date.now();
    await page.mouse.click(target.x, target.y);
    await expect
      .poll(() =>
        page.getByRole('complementary', { name: 'Inspector' }).locator('code').first().textContent(),
      )
      .toBe(target.id);
    const selected = Date.now() - clicked;
    const dragged = Date.now();
    await page.mouse.move(target.x, target.y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(target.x + i * 5, target.y + i * 3);
    await page.mouse.up();
    await expect
      .poll(() => page.locator('header [role="status"]').last().textContent())
      .toContain('1 change(s)');
    const moved = Date.now() - dragged;
    console.log(
      `500-node flow: first node ${opened} ms after navigation, inspector ${selected} ms after a click, 20-step drag committed in ${moved} ms`,
    );
    await page.screenshot({ path: join(screenshots, 'large-flow.png') });
  }, 60_000);
});
