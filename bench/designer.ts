/**
 * The designer's load time: the production build served by `next start`, opened in Chromium on
 * `/designer-preview?nodes=N`; time from navigation to the first node on the canvas and from a click to
 * the inspector showing that node. The 50-node flow, measured in the same run, is the baseline.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const web = join(import.meta.dirname, '../apps/web');
const SIZES = [50, 500];
const RUNS = 3;

export interface DesignerResult {
  nodes: number;
  openMs: number;
  inspectorMs: number;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function serve(): Promise<{ base: string; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn(
    join(web, '../../node_modules/.bin/next'),
    ['start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: web,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'ignore',
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if (
      await fetch(`${base}/designer-preview`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, server };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.kill();
  throw new Error('next start did not answer within 60 s');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Null (with the reason printed) when there is no build or no Chromium to measure with. */
export async function benchDesigner(): Promise<DesignerResult[] | null> {
  if (!existsSync(join(web, '.next/BUILD_ID'))) {
    console.log('designer: skipped, the web app is not built (npm run build -w @parley/web)');
    return null;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`designer: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    return null;
  }
  const { base, server } = await serve();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${base}/designer-preview?nodes=${SIZES[0]}`); // warm the server and the browser
    const results: DesignerResult[] = [];
    for (const nodes of SIZES) {
      const opens: number[] = [];
      const inspects: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        await page.goto(`${base}/designer-preview?nodes=${nodes}`);
        const first = page.locator('.react-flow__node').first();
        await first.waitFor({ timeout: 60_000 });
        opens.push(performance.now() - started);
        // The node nearest the middle of the canvas (the edges of the view are under the panels).
        const target = await page.evaluate(() => {
          const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
          const [cx, cy] = [pane.left + pane.width / 2, pane.top + pane.height / 2];
          let best = { id: '', x: 0, y: 0, d: Number.POSITIVE_INFINITY };
          for (const el of document.querySelectorAll('.react-flow__node')) {
            const r = el.getBoundingClientRect();
            const [x, y] = [r.left + r.width / 2, r.top + Math.min(12, r.height / 2)];
            const d = Math.hypot(x - cx, y - cy);
            if (d < best.d) best = { id: el.getAttribute('data-id') ?? '', x, y, d };
          }
          return best;
        });
        const id = target.id;
        const clicked = performance.now();
        await page.mouse.click(target.x, target.y);
        await page
          .getByRole('complementary', { name: 'Inspector' })
          .locator('code', { hasText: id ?? '' })
          .first()
          .waitFor({ timeout: 30_000 });
        inspects.push(performance.now() - clicked);
      }
      results.push({ nodes, openMs: median(opens), inspectorMs: median(inspects) });
    }
    return results;
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}
