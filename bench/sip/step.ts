import type { SippLoad } from './sipp';
import type { Answer } from './sipp-output';

/** A step passes under this share of failed calls … */
const MAX_FAILED_SHARE = 0.001;
/** … and when calls were answered at no less than this share of the offered rate. */
const MIN_ACHIEVED_SHARE = 0.9;

/** One offered rate, held for a number of seconds, and how the called side kept up with it. */
export interface Step {
  rate: number;
  seconds: number;
  calls: number;
  answered: number;
  /** sipp's failed calls, plus calls answered with a non-2xx and calls sipp never finished or placed. */
  failed: number;
  /** Why calls failed, as "12 timeout on recv", "3 rejected". */
  failureCauses: string[];
  /** Answered calls per second, from the first answer to the last. */
  achieved: number;
  /** Setup time (INVITE → 200 OK) percentiles, ms; NaN when no call was answered. */
  p50: number;
  p99: number;
  callLengthMs: number;
  passed: boolean;
}

/** The value at or below which `share` of the samples fall (nearest rank); NaN without samples. */
function percentile(samples: number[], share: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

function answerRate(answers: Answer[]): number {
  if (answers.length < 2) return 0;
  const times = answers.map((a) => a.answeredAtMs);
  const spanS = (Math.max(...times) - Math.min(...times)) / 1000;
  return spanS > 0 ? (answers.length - 1) / spanS : 0;
}

/** Judges a sipp run at `rate`: under 0.1% failed calls, and answers keeping pace with the offered rate. */
export function judgeStep(rate: number, seconds: number, calls: number, load: SippLoad): Step {
  const unfinished = Math.max(0, load.created - load.successful - load.failed);
  const neverPlaced = Math.max(0, calls - load.created);
  const failed = load.failed + load.rejected + unfinished + neverPlaced;
  const setupMs = load.answers.map((a) => a.answeredAtMs - a.sentAtMs);
  const achieved = answerRate(load.answers);
  return {
    rate,
    seconds,
    calls,
    answered: load.answers.length,
    failed,
    failureCauses: [
      ...load.failureCauses,
      ...(load.rejected > 0 ? [`${load.rejected} rejected (non-2xx)`] : []),
      ...(unfinished > 0 ? [`${unfinished} unfinished at sipp's timeout`] : []),
      ...(neverPlaced > 0 ? [`${neverPlaced} never placed`] : []),
    ],
    achieved,
    p50: percentile(setupMs, 0.5),
    p99: percentile(setupMs, 0.99),
    callLengthMs: load.callLengthMs,
    passed: failed / calls < MAX_FAILED_SHARE && achieved >= rate * MIN_ACHIEVED_SHARE,
  };
}
