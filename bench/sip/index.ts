/**
 * The SIP adapter under load: sipp, as a Direct Routing SBC on loopback, calls a number bound to
 * "answer, say 'Thank you for calling.', hang up" at a stepped rate. The sustained rate is the highest
 * step with under 0.1% failed calls whose answers kept pace with the offered rate; setup time is INVITE
 * sent → 200 OK received. sipp's built-in UAS, called in the same run at the sustained rate, is the
 * baseline: setup time on this machine when answering costs nothing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printSipReport } from './report';
import { type BenchRuntime, startBenchRuntime } from './runtime';
import { runSippLoad, SIPP, SIPP_GRACE_S, type SippUas, startSippUas } from './sipp';
import { judgeStep, type Step } from './step';

const CALLER = join(import.meta.dirname, 'caller.xml');
const BASELINE_CALLER = join(import.meta.dirname, 'caller-hangs-up.xml');

const RATES = [5, 10, 20, 40, 80, 160, 320, 640];
/** Each step offers this many calls, within the bounds below (seconds of offered load). */
const CALLS_PER_STEP = 200;
const MIN_STEP_S = 5;
const MAX_STEP_S = 15;
/**
 * No step starts that could end later than this (s from the SIP bench's start): with the baseline after
 * it, the SIP bench stays within two minutes.
 */
const STEPPING_BUDGET_S = 100;

/** Steps the offered rate up on a running runtime until a step fails, the rates or the time run out. */
async function stepRates(target: string, dir: string, began: number) {
  const steps: Step[] = [];
  for (const rate of RATES) {
    const seconds = Math.min(MAX_STEP_S, Math.max(MIN_STEP_S, CALLS_PER_STEP / rate));
    const elapsedS = (performance.now() - began) / 1000;
    if (elapsedS + seconds + SIPP_GRACE_S > STEPPING_BUDGET_S) return { steps, stoppedBy: 'the time budget' };
    const calls = Math.round(rate * seconds);
    const load = await runSippLoad({ scenario: CALLER, target, rate, calls, dir });
    const step = judgeStep(rate, seconds, calls, load);
    steps.push(step);
    if (!step.passed) return { steps, stoppedBy: `the first failed step, ${rate} cps` };
  }
  return { steps, stoppedBy: 'the highest rate offered' };
}

/** Runs the SIP load bench and prints its tables; false when it was skipped (no sipp outside CI). */
export async function benchSip(): Promise<boolean> {
  if (!existsSync(SIPP)) {
    if (process.env.CI === 'true') throw new Error(`the SIP bench needs sipp in CI (${SIPP} not found)`);
    console.log(`\nSIP load: skipped, sipp is not installed (${SIPP}, Debian package sip-tester)`);
    return false;
  }
  const began = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-sipp-'));
  let runtime: BenchRuntime | undefined;
  let uas: SippUas | undefined;
  try {
    runtime = await startBenchRuntime();
    const target = `127.0.0.1:${runtime.sipPort}`;

    // The first call renders the prompt with espeak-ng; a short burst after it warms the code paths.
    const first = await runSippLoad({ scenario: CALLER, target, rate: 1, calls: 1, dir });
    if (first.answers.length !== 1 || first.failed > 0)
      throw new Error('the warm-up call failed: is espeak-ng installed, and does the runtime answer?');
    await runSippLoad({ scenario: CALLER, target, rate: 10, calls: 20, dir });
    const readyS = (performance.now() - began) / 1000;

    const { steps, stoppedBy } = await stepRates(target, dir, began);
    await runtime.stop();
    runtime = undefined;
    const sustained = steps.filter((s) => s.passed).at(-1);
    const reference = sustained ?? steps[0];
    if (!reference) throw new Error('the time budget ran out before the first step');

    // The baseline's calls last as long as the runtime's did, so sipp holds as many open at once.
    uas = await startSippUas(dir);
    const baselineLoad = await runSippLoad({
      scenario: BASELINE_CALLER,
      target: uas.target,
      rate: reference.rate,
      calls: reference.calls,
      dir,
      pauseMs: Math.round(reference.callLengthMs),
    });
    await uas.stop();
    uas = undefined;
    const baseline = judgeStep(reference.rate, reference.seconds, reference.calls, baselineLoad);

    printSipReport({ steps, stoppedBy, sustained, baseline, reference });
    const totalS = (performance.now() - began) / 1000;
    console.log(
      `(SIP bench: ${totalS.toFixed(0)} s, of which ${readyS.toFixed(0)} s starting and warming up)`,
    );
    return true;
  } finally {
    await uas?.stop();
    await runtime?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
