import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/parley.mjs', import.meta.url));
const example = (name: string) =>
  fileURLToPath(new URL(`../../flow-schema/examples/${name}`, import.meta.url));

/** Runs the real command in a child process, as an admin would from a shell. */
function parley(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('parley flow validate', () => {
  it('lists the unwired option, the unreachable node and the bad timezone with node ids, and exits 1', () => {
    const run = parley('flow', 'validate', example('broken-menu.json'));
    expect(run.code).toBe(1);
    expect(run.err).toContain('flow settings.timezone: "Mars/Olympus_Mons" is not an IANA timezone');
    expect(run.err).toMatch(/mainMenu outcomes\.2: .*not connected.*\(unwired-outcome\)/);
    expect(run.err).toMatch(/orphan: .*\(unreachable\)/);
    expect(run.err).toContain('4 problems');
  });

  it('says a valid flow is valid and exits 0', () => {
    const run = parley('flow', 'validate', example('simple-menu.json'));
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain('valid (7 nodes)');
  });

  it('prints problems as JSON on request', () => {
    const run = parley('flow', 'validate', '--json', example('broken-menu.json'));
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out).map((p: { code: string }) => p.code)).toEqual([
      'invalid-timezone',
      'unwired-outcome',
      'unreachable',
      'unreachable',
    ]);
  });

  it('explains a file that is missing or not JSON instead of crashing', () => {
    expect(parley('flow', 'validate', '/nonexistent.json')).toMatchObject({
      code: 2,
      err: expect.stringContaining('cannot read /nonexistent.json: ENOENT'),
    });
    const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect(parley('flow', 'validate', join(dir, 'bad.json'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('is not JSON'),
    });
    expect(parley('flow', 'frobnicate', 'x')).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown command "flow frobnicate"'),
    });
  });
});

describe('parley flow compile', () => {
  it('writes the canonical machine JSON with its hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    const out = join(dir, 'machine.json');
    const run = parley('flow', 'compile', example('simple-menu.json'), '--out', out);
    expect(run.code).toBe(0);
    const compiled = JSON.parse(readFileSync(out, 'utf8'));
    expect(compiled.machine.initial).toBe('start');
    expect(run.err).toContain(compiled.hash);
    expect(parley('flow', 'compile', example('simple-menu.json')).out).toBe(readFileSync(out, 'utf8'));
  });

  it('refuses to compile a broken flow and lists why', () => {
    const run = parley('flow', 'compile', example('broken-menu.json'));
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain('(unwired-outcome)');
  });
});

describe('parley call simulate', () => {
  it('prints the path a caller pressing 1 takes through the flow', () => {
    const run = parley('call', 'simulate', '--flow', example('simple-menu.json'), '--digits', '1');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('start → next\nwelcome → done\nmainMenu → 1\n');
    expect(run.out).toMatch(/ended by flow at sales after \d+\.\d s/);
  });

  it('a caller hanging up early ends the call by the caller', () => {
    const run = parley(
      'call',
      'simulate',
      '--flow',
      example('simple-menu.json'),
      '--hangup-after',
      '1s',
      '--json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ endedBy: 'caller', finalState: '$callerHungUp' });
  });

  it('explains a bad option', () => {
    expect(
      parley('call', 'simulate', '--flow', example('simple-menu.json'), '--hangup-after', 'soon'),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('not a duration'),
    });
  });
});
