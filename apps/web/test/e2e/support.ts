import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, seedDemo } from '@parley/db';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { freePort, waitForServer } from '../support/next-server';

// Outside CI the browser tests skip when there is no Chromium; under CI a missing Chromium fails.
export const CI = process.env.CI === 'true' || process.env.CI === '1';
export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
/** Whether the browser tests run here (`describe.skipIf(!runBrowserTests)`). */
export const runBrowserTests = CI || haveChromium;
export const VIEWPORT = { width: 1600, height: 1000 };

const web = join(import.meta.dirname, '../..');
const screenshots = join(import.meta.dirname, 'screenshots');

/** The demo admin `seedDemo` creates (PARLEY_DEMO_PASSWORD overrides the password, as in the seed). */
export const ADMIN = {
  email: 'admin@parley.local',
  password: process.env.PARLEY_DEMO_PASSWORD || 'parley-demo',
};

/** A production `next start` on a free port over a freshly seeded PGlite folder. */
export interface Parley {
  base: string;
  browser: Browser;
  stop(): Promise<void>;
}

/** Seeds a fresh data folder with the demo, starts the built web app on it and launches Chromium. */
export async function startParley(): Promise<Parley> {
  expect(haveChromium, `Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`).toBe(true);
  expect(
    existsSync(join(web, '.next/BUILD_ID')),
    'the web app is not built: run `npm run build -w @parley/web` first',
  ).toBe(true);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const database = await openDatabase({ dataDir });
  try {
    await seedDemo(database);
  } finally {
    await database.close();
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const server = spawn(
    join(web, '../../node_modules/.bin/next'),
    ['start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: web,
      env: {
        ...process.env,
        DATABASE_URL: '',
        PARLEY_DATA_DIR: dataDir,
        PARLEY_WEB_PORT: String(port),
        NEXTAUTH_URL: base,
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForServer(`${base}/sign-in`, server, () => log);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (error) {
    await stop();
    throw error;
  }
  mkdirSync(screenshots, { recursive: true });
  return { base, browser, stop };
}

/**
 * Starts Parley before the calling file's tests and stops it after them, where the browser tests run.
 * The result stands for the running Parley inside the tests.
 */
export function parleyForThisFile(): Parley {
  let started: Parley | undefined;
  beforeAll(async () => {
    if (runBrowserTests) started = await startParley();
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  });
  const running = (): Parley => {
    if (!started) throw new Error('Parley is not running: read it inside a test');
    return started;
  };
  return {
    get base() {
      return running().base;
    },
    get browser() {
      return running().browser;
    },
    stop: () => running().stop(),
  };
}

/** `expect.poll` with room for a production server and a browser: 15 s unless told. */
export function poll<T>(read: () => T | Promise<T>, timeout = 15_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

/** Saves `screenshots/<name>.png` next to this file. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

/** Signs in on the sign-in page as the demo admin and lands on the demo tenant's flows. */
export async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await submitSignIn(page);
  await page.waitForURL(`${base}/t/demo/flows`);
  await page.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
}

/** Fills in the sign-in form the page shows with the demo admin's email and password, and sends it. */
export async function submitSignIn(page: Page): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The designer of one open flow, in the words its screen uses. */
export function designer(page: Page) {
  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  // The card inside a node: its data-sim ("current", "visited") and data-diff ("changed"…) paint it.
  const card = (id: string) => page.locator(`[data-node-id="${id}"]`);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const toolbar = page.getByRole('toolbar', { name: 'Flow actions' });
  const problems = page.getByRole('tabpanel', { name: 'Problems' });
  const edge = (source: string, target: string) =>
    page.locator(`.react-flow__edge[aria-label="Edge from ${source} to ${target}"]`);
  // The status beside the flow's name: "Saved", "Saving…", "Unsaved changes", "Conflict: not saved".
  const saveState = page.locator('header [role="status"] [data-state]');
  const revision = async (): Promise<number> => {
    const text = (await toolbar.textContent()) ?? '';
    const match = /draft rev (\d+)/.exec(text);
    if (!match) throw new Error(`no draft revision in the bar: ${text}`);
    return Number(match[1]);
  };

  return {
    node,
    card,
    inspector,
    toolbar,
    problems,
    edge,
    saveState,
    /** The draft revision the bar shows ("draft rev 4"). */
    revision,

    /** Adds a node of a type by clicking it in the palette; returns the new node's id. */
    async add(label: string): Promise<string> {
      const before = await page.locator('.react-flow__node').count();
      await page
        .getByRole('navigation', { name: 'Node types' })
        .getByRole('button', { name: label, exact: true })
        .click();
      await poll(() => page.locator('.react-flow__node').count()).toBe(before + 1);
      // A node added from the palette is the one selected: the inspector shows its id.
      await poll(() => inspector.locator('h2').textContent()).toBe(label);
      return (await inspector.locator('header code').textContent()) ?? '';
    },

    /** Selects a node by clicking its header (top left, clear of its input handle). */
    async select(id: string): Promise<void> {
      await node(id).click({ position: { x: 24, y: 12 } });
      await poll(() => inspector.locator('header code').textContent()).toBe(id);
    },

    /** Drags a wire from a node's outcome handle to another node's input handle, as a person would. */
    async wire(source: string, outcome: string, target: string): Promise<void> {
      await settled(page.locator('.react-flow__viewport'));
      const from = await centre(
        page.locator(`.react-flow__handle.source[data-nodeid="${source}"][data-handleid="${outcome}"]`),
      );
      const to = await centre(page.locator(`.react-flow__handle.target[data-nodeid="${target}"]`));
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      const steps = 15;
      for (let i = 1; i <= steps; i++) {
        await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
      }
      await page.mouse.up();
      await edge(source, target).waitFor();
    },

    /** Fits the whole flow in view (the canvas's Fit View control). */
    async fitView(): Promise<void> {
      await page.getByRole('button', { name: 'Fit View' }).click();
      await settled(page.locator('.react-flow__viewport'));
    },

    /** Arranges the flow with Auto layout and waits for the fit-to-view to come to rest. */
    async autoLayout(): Promise<void> {
      await page.getByRole('button', { name: 'Auto layout' }).click();
      await page.getByRole('button', { name: 'Auto layout' }).waitFor();
      await settled(page.locator('.react-flow__viewport'));
    },

    /** Waits for autosave to store an edit: "Saved" at a revision after `before`. */
    async saved(before: number): Promise<number> {
      await poll(revision).toBeGreaterThan(before);
      await poll(() => saveState.getAttribute('data-state')).toBe('saved');
      return revision();
    },
  };
}

/** The centre of an element on screen, scrolled into view first. */
async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Waits until an element stops moving (an animated fit-to-view has finished). */
async function settled(locator: Locator): Promise<void> {
  let last = '';
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await locator.evaluate((el) => getComputedStyle(el).transform));
        const same = now === last;
        last = now;
        return same;
      },
      { interval: 150, timeout: 10_000 },
    )
    .toBe(true);
}

/** Stops `next start` and waits for it, so its PGlite folder is closed before it is removed. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
