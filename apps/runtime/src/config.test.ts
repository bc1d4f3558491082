import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('runtime configuration', () => {
  it('nothing set → the embedded demo: port 8080, info logs, PGlite in .data', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      logLevel: 'info',
      databaseUrl: undefined,
      dataDir: '.data',
    });
  });

  it('an empty variable counts as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PARLEY_RUNTIME_PORT: '' })).toMatchObject({
      port: 8080,
      databaseUrl: undefined,
    });
  });

  it('reads a server, a port and a log level', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://parley:secret@db:5432/parley',
      PARLEY_RUNTIME_PORT: '9090',
      PARLEY_LOG_LEVEL: 'debug',
      PARLEY_DATA_DIR: '/var/lib/parley',
    });
    expect(config).toEqual({
      port: 9090,
      logLevel: 'debug',
      databaseUrl: 'postgres://parley:secret@db:5432/parley',
      dataDir: '/var/lib/parley',
    });
  });

  it('a bad port and a bad level → one error naming both variables', () => {
    const read = () => loadConfig({ PARLEY_RUNTIME_PORT: 'eighty', PARLEY_LOG_LEVEL: 'loud' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/PARLEY_RUNTIME_PORT[\s\S]*PARLEY_LOG_LEVEL/);
  });
});
