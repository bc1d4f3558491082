/**
 * `npm run bench`: how fast flow-schema reads, validates and compiles flows of 50, 500 and 2000 nodes,
 * measured against a baseline from the same run (a JSON round trip plus the zod document parse), so the
 * ratios mean the same on a slow machine and a fast one; then the designer in Chromium and the SIP
 * adapter under sipp load, each against its own baseline (the SIP part takes up to two minutes).
 */
import { compileFlow, flowDocumentSchema, parseFlow, validateFlow } from '@parley/flow-schema';
import { benchDesigner } from './designer';
import { chainFlow } from './flows';
import { benchSip } from './sip';

const SIZES = [50, 500, 2000];
const BUDGET_MS = 1_200; // measuring time per task, after warm-up
const WARMUP_MS = 250;

interface Result {
  size: number;
  task: string;
  ops: number;
  msPerOp: number;
  heapMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Runs `op` for a time budget and reports the mean; one op is timed alone for its heap growth. */
function measure(size: number, task: string, op: () => unknown): Result {
  for (const start = performance.now(); performance.now() - start < WARMUP_MS; ) op();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    op();
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < BUDGET_MS);

  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = op(); // kept alive until after the reading, so its result counts
  const heapMb = Math.max(0, process.memoryUsage().heapUsed - before) / 2 ** 20;
  if (kept === undefined) throw new Error('unreachable: every task returns its result');

  const msPerOp = elapsed / runs;
  return { size, task, ops: 1000 / msPerOp, msPerOp, heapMb };
}

function parsed(raw: unknown) {
  const result = parseFlow(raw);
  if (!result.ok) throw new Error(`the generated flow does not parse: ${result.problems[0]?.message}`);
  return result.document;
}

const results: Result[] = [];
for (const size of SIZES) {
  const raw = chainFlow(size);
  const document = parsed(raw);
  const problems = validateFlow(document);
  if (problems.length > 0)
    throw new Error(`the generated ${size}-node flow is invalid: ${problems[0]?.message}`);
  if (!compileFlow(document).ok) throw new Error(`the generated ${size}-node flow does not compile`);

  results.push(
    measure(size, 'baseline: JSON round trip + zod parse', () =>
      flowDocumentSchema.safeParse(JSON.parse(JSON.stringify(raw))),
    ),
    measure(size, 'parseFlow + validateFlow', () => validateFlow(parsed(raw))),
    measure(size, 'compileFlow', () => compileFlow(document)),
  );
}

const rows = results.map((r) => {
  const baseline = results.find((b) => b.size === r.size)!;
  return [
    String(r.size),
    r.task,
    r.ops.toFixed(r.ops < 100 ? 1 : 0),
    r.msPerOp.toFixed(3),
    r === baseline ? '1.00' : (r.msPerOp / baseline.msPerOp).toFixed(2),
    r.heapMb.toFixed(2),
  ];
});
const header = ['nodes', 'task', 'ops/s', 'ms/op', '× baseline', 'heap Δ MB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');

console.log(`flow-schema on node ${process.version}, ${BUDGET_MS} ms per task`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
if (!gc) console.log('(heap Δ is rough without --expose-gc: no garbage collection ran before each reading)');

const designer = await benchDesigner();
if (designer) {
  const [baseline] = designer;
  console.log(`\ndesigner in Chromium (median of 3; baseline: the ${baseline!.nodes}-node flow)`);
  console.log('nodes  open ms  × baseline  inspector ms  × baseline');
  for (const r of designer) {
    console.log(
      `${String(r.nodes).padStart(5)}  ${r.openMs.toFixed(0).padStart(7)}  ${(r.openMs / baseline!.openMs).toFixed(2).padStart(10)}  ${r.inspectorMs.toFixed(0).padStart(12)}  ${(r.inspectorMs / baseline!.inspectorMs).toFixed(2).padStart(10)}`,
    );
  }
}

await benchSip();
