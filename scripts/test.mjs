#!/usr/bin/env node
// The one test command: every package's suites, then the database suites again on a PostgreSQL
// server, so both drivers are proven by the same tests. Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const reports = mkdtempSync(join(tmpdir(), 'parley-test-'));
const extra = process.argv.slice(2);

function vitest(label, args, env) {
  const outputFile = join(reports, `${label}.json`);
  console.log(`\n▶ ${label}`);
  const run = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${outputFile}`,
      ...args,
      ...extra,
    ],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const r = JSON.parse(readFileSync(outputFile, 'utf8'));
    counts = {
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + r.numTodoTests,
    };
  } catch {
    counts.failed += 1; // no report means the run itself broke
  }
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

// The browser suites drive the production build of the web app: build it first (turbo reuses an
// unchanged build).
console.log('\n▶ building the web app for the browser suites');
const build = spawnSync(
  'npx',
  ['turbo', 'run', 'build', '--filter=@parley/web', '--output-logs=errors-only'],
  {
    stdio: 'inherit',
  },
);
if (build.status !== 0) {
  console.error('\nthe web app does not build: see above');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

const runs = [vitest('all suites (PGlite)', [], { PARLEY_TEST_DB: 'pglite' })];
if (process.env.DATABASE_URL) {
  runs.push(vitest('database suites (PostgreSQL)', ['--project', 'db'], { PARLEY_TEST_DB: 'postgres' }));
} else if (ci) {
  console.error('\nDATABASE_URL is not set: under CI the database suites must also run on PostgreSQL.');
  runs.push({ passed: 0, failed: 1, skipped: 0 });
} else {
  console.log(
    '\n(DATABASE_URL is not set: the database suites ran on PGlite only. Set it to run them on PostgreSQL too.)',
  );
}

const total = runs.reduce(
  (a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }),
  {
    passed: 0,
    failed: 0,
    skipped: 0,
  },
);
if (ci && total.skipped > 0) {
  console.error(`${total.skipped} tests were skipped: under CI every test must run.`);
  total.failed += total.skipped;
}
console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 ? 1 : 0);
