import { cpus } from 'node:os';
import type { Step } from './step';

function printTable(header: string[], rows: string[][], leftAligned = 0): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < leftAligned ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(value < 10 ? 2 : 1));

const ratio = (value: number, baseline: number) =>
  Number.isNaN(value) || Number.isNaN(baseline) || baseline === 0 ? '—' : (value / baseline).toFixed(2);

/** What the SIP bench found: the steps, and setup time at the sustained rate against the baseline. */
export interface SipReport {
  steps: Step[];
  /** Why stepping stopped. */
  stoppedBy: string;
  /** The highest step that passed, if any. */
  sustained: Step | undefined;
  /** sipp's UAS called at the sustained rate (or the first step's, when none passed). */
  baseline: Step;
  /** The runtime's step at the baseline's rate. */
  reference: Step;
}

/** Prints the steps, the sustained rate and setup time against the baseline. */
export function printSipReport(report: SipReport): void {
  const { steps, sustained, baseline, reference } = report;
  console.log(
    `\nSIP load on loopback, ${cpus().length} cores: sipp calls +14255550100; the runtime answers, says "Thank you for calling." and hangs up`,
  );
  printTable(
    [
      'offered cps',
      's',
      'calls',
      'answered',
      'failed',
      'failed %',
      'answered cps',
      'setup p50 ms',
      'p99 ms',
      '',
    ],
    steps.map((s) => [
      String(s.rate),
      s.seconds.toFixed(0),
      String(s.calls),
      String(s.answered),
      String(s.failed),
      ((100 * s.failed) / s.calls).toFixed(2),
      s.achieved.toFixed(1),
      ms(s.p50),
      ms(s.p99),
      s.passed ? 'pass' : 'FAIL',
    ]),
  );
  for (const s of steps.filter((step) => step.failed > 0))
    console.log(`failed calls at ${s.rate} cps: ${s.failureCauses.join(', ')}`);
  console.log(
    sustained
      ? `sustained: ${sustained.rate} calls/s with under 0.1% failed calls (stepping stopped at ${report.stoppedBy})`
      : `sustained: none, the first step (${reference.rate} calls/s) failed`,
  );

  console.log(
    `\nsetup time at ${reference.rate} cps, INVITE → 200 OK (baseline: sipp -sn uas in the same run)`,
  );
  const row = (name: string, s: Step, p50: string, p99: string) => [
    name,
    String(s.calls),
    String(s.failed),
    ms(s.p50),
    ms(s.p99),
    p50,
    p99,
  ];
  printTable(
    ['answering side', 'calls', 'failed', 'p50 ms', 'p99 ms', '× baseline p50', '× baseline p99'],
    [
      row('baseline: sipp -sn uas', baseline, '1.00', '1.00'),
      row(
        'Parley runtime',
        reference,
        ratio(reference.p50, baseline.p50),
        ratio(reference.p99, baseline.p99),
      ),
    ],
    1,
  );
}
