#!/usr/bin/env node
// `npm start`: the database, the runtime and the web app, ready to use, with the demo login printed.
//
// Without DATABASE_URL the database is embedded PGlite in PARLEY_DATA_DIR. PGlite's data directory can be
// open in one process only, so one child (apps/runtime/src/bin/embedded-db.ts) owns it, applies the
// migrations, seeds the demo and serves it on 127.0.0.1 over the PostgreSQL protocol; the runtime and the
// web app connect to it with DATABASE_URL like to any PostgreSQL server. With DATABASE_URL set, the same
// child migrates and seeds that server and exits.
import { fork, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// An empty variable means unset, here and in every child.
for (const [name, value] of Object.entries(process.env)) if (value === '') delete process.env[name];
const env = (name, fallback) => (process.env[name] ? process.env[name] : fallback);
const runtimePort = Number(env('PARLEY_RUNTIME_PORT', '8080'));
const webPort = Number(env('PARLEY_WEB_PORT', '3000'));
const dataDir = resolve(root, env('PARLEY_DATA_DIR', '.data'));
const READY_TIMEOUT_MS = 90_000;

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const children = new Map();
let stopping = false;

function track(name, child) {
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`\n${name} exited (${signal ?? `code ${code}`}); stopping the others.`);
      stop(1);
    }
  });
  return child;
}

/**
 * Starts the database child and resolves with its ready message (the URL and the demo login). With
 * DATABASE_URL the child only migrates and seeds, so its exit is expected; the embedded one must stay up.
 */
function startDatabase() {
  const child = fork(resolve(root, 'apps/runtime/src/bin/embedded-db.ts'), [], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PARLEY_DATA_DIR: dataDir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolveReady, reject) => {
    let ready = false;
    child.on('message', (message) => {
      if (message?.type !== 'ready') return;
      ready = true;
      if (message.embedded) track('database', child);
      resolveReady(message);
    });
    child.on('exit', () => {
      if (!ready) reject(new Error('the database did not start; see its log above'));
    });
  });
}

function startServices(databaseUrl) {
  const childEnv = { ...process.env, DATABASE_URL: databaseUrl, PARLEY_DATA_DIR: dataDir };
  track(
    'runtime',
    spawn(process.execPath, ['--import', 'tsx', 'apps/runtime/src/main.ts'], {
      cwd: root,
      env: { ...childEnv, PARLEY_RUNTIME_PORT: String(runtimePort) },
      stdio: 'inherit',
    }),
  );
  const nextBin = createRequire(resolve(root, 'apps/web/package.json')).resolve('next/dist/bin/next');
  track(
    'web',
    spawn(process.execPath, [nextBin, 'start', '-p', String(webPort)], {
      cwd: resolve(root, 'apps/web'),
      env: { ...childEnv, PARLEY_WEB_PORT: String(webPort) },
      stdio: 'inherit',
    }),
  );
}

/** Polls a URL until it answers 2xx: the runtime's health checks the database, the web's home page reads it. */
async function waitFor(url) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`);
}

function waitForExit(child) {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', r));
}

/** Stops the runtime and the web app first, then the database they were using. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  const services = ['runtime', 'web'].map((n) => children.get(n)).filter(Boolean);
  for (const child of services) child.kill('SIGTERM');
  await Promise.all(services.map(waitForExit));
  const database = children.get('database');
  if (database) {
    database.kill('SIGTERM');
    await waitForExit(database);
  }
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));

try {
  const ready = await startDatabase();
  startServices(ready.databaseUrl);
  const runtimeUrl = `http://localhost:${runtimePort}`;
  const webUrl = `http://localhost:${webPort}`;
  await Promise.all([waitFor(`${runtimeUrl}/health`), waitFor(`${webUrl}/`)]);
  const { demo } = ready;
  const rows = [
    ['web', webUrl],
    ['runtime', `${runtimeUrl}/health`],
    ...(env('PARLEY_SIP', 'on') === 'off'
      ? []
      : [
          [
            'sip',
            `${env('PARLEY_SIP_HOST', '127.0.0.1')}: udp ${env('PARLEY_SIP_UDP_PORT', '5060')}, tcp ${env('PARLEY_SIP_TCP_PORT', '5060')}, tls ${env('PARLEY_SIP_TLS_PORT', '5061')}`,
          ],
        ]),
    [
      'database',
      ready.embedded ? `${ready.databaseUrl}  (embedded PGlite in ${ready.location})` : ready.location,
    ],
    ['', ''],
    ['tenant', demo.tenantSlug],
    ['email', demo.email],
    ['password', demo.password],
  ];
  const lines = rows.map(([k, v]) => (k ? `  ${k.padEnd(9)} ${v}` : ''));
  console.log(`\n  Parley is running. Ctrl-C stops it.\n\n${lines.join('\n')}\n`);
} catch (error) {
  if (!stopping) {
    console.error(`\n${error.message}`);
    await stop(1);
  }
}
