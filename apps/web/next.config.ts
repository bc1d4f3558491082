import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source (`exports: ./src/index.ts`), so Next compiles them.
  transpilePackages: ['@parley/db', '@parley/flow-schema'],
  // PGlite loads its WebAssembly and data files from its own folder, and postgres.js opens sockets:
  // both run as plain Node modules rather than bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  turbopack: { ignoreIssue: [{ path: '**/packages/db/src/client.ts', title: /Module not found/ }] },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
