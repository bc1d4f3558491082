import { validateFlow } from '@parley/flow-schema';
import { type Output, readFlow, reportProblems } from '../io';

/** `parley flow validate FILE…`: every problem of every file; exit 1 if any file has one. */
export async function flowValidate(files: string[], opts: { json: boolean }, io: Output): Promise<number> {
  let exit = 0;
  const report: Record<string, unknown> = {};
  for (const file of files) {
    const parsed = await readFlow(file);
    const problems = parsed.ok ? validateFlow(parsed.document) : parsed.problems;
    report[file] = problems;
    if (problems.length > 0) {
      exit = 1;
      if (!opts.json) reportProblems(file, problems, io);
    } else if (!opts.json && parsed.ok) {
      io.out.write(`${file}: valid (${parsed.document.nodes.length} nodes)\n`);
    }
  }
  if (opts.json)
    io.out.write(`${JSON.stringify(files.length === 1 ? report[files[0]!] : report, null, 2)}\n`);
  return exit;
}
