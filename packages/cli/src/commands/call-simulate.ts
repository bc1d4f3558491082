import { simulateCall } from '@parley/call-engine';
import { compileFlow, instantAt } from '@parley/flow-schema';
import { type Output, readFlow, reportProblems, UsageError } from '../io';

export interface SimulateOptions {
  digits?: string;
  at?: string;
  hangupAfter?: string;
  agents?: string;
  transferFails: boolean;
  json: boolean;
}

const AGENTS = ['answer', 'noAnswer', 'none', 'overflow'] as const;

/**
 * `parley call simulate --flow FILE --digits 1,2`: runs one call with a scripted caller on a virtual
 * clock through the same engine as live calls, and prints the path it took.
 */
export async function callSimulate(file: string, opts: SimulateOptions, io: Output): Promise<number> {
  const parsed = await readFlow(file);
  if (!parsed.ok) return reportProblems(file, parsed.problems, io);
  const compiled = compileFlow(parsed.document);
  if (!compiled.ok) return reportProblems(file, compiled.problems, io);
  if (opts.agents && !(AGENTS as readonly string[]).includes(opts.agents)) {
    throw new UsageError(`--agents must be one of ${AGENTS.join(', ')}`);
  }
  const hangUpAfterMs = opts.hangupAfter === undefined ? undefined : seconds(opts.hangupAfter) * 1000;
  const at = opts.at ? whenever(opts.at, parsed.document.settings.timezone) : undefined;
  const result = await simulateCall(
    compiled.compiled,
    {
      digits: opts.digits
        ? opts.digits
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean)
        : [],
      hangUpAfterMs,
      agents: opts.agents as (typeof AGENTS)[number] | undefined,
      transferFails: opts.transferFails,
    },
    { at },
  );
  if (opts.json) {
    io.out.write(
      `${JSON.stringify({ path: result.path, endedBy: result.endedBy, finalState: result.finalState, durationMs: result.durationMs }, null, 2)}\n`,
    );
  } else {
    for (const step of result.path) io.out.write(`${step.nodeId} → ${step.outcome}\n`);
    io.out.write(
      `ended by ${result.endedBy} at ${result.finalState} after ${(result.durationMs / 1000).toFixed(1)} s\n`,
    );
  }
  return result.endedBy === 'stuck' ? 1 : 0;
}

function seconds(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) throw new UsageError(`"${text}" is not a duration like 30s, 1500ms or 2m`);
  const n = Number(match[1]);
  return match[2] === 'ms' ? n / 1000 : match[2] === 'm' ? n * 60 : n;
}

function whenever(text: string, timezone: string): Date {
  const at = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? new Date(text) : instantAt(text, timezone);
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`--at "${text}" is not a date-time like 2026-12-25T09:00`);
  return at;
}
