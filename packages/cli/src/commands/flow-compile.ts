import { writeFile } from 'node:fs/promises';
import { canonicalJson, compileFlow } from '@parley/flow-schema';
import { type Output, readFlow, reportProblems } from '../io';

/** `parley flow compile FILE [--out FILE]`: the compiled machine as canonical JSON, or the problems. */
export async function flowCompile(file: string, opts: { out?: string }, io: Output): Promise<number> {
  const parsed = await readFlow(file);
  if (!parsed.ok) return reportProblems(file, parsed.problems, io);
  const result = compileFlow(parsed.document);
  if (!result.ok) return reportProblems(file, result.problems, io);
  const json = `${JSON.stringify(JSON.parse(canonicalJson(result.compiled)), null, 2)}\n`;
  if (opts.out) {
    await writeFile(opts.out, json);
    io.err.write(`${file}: compiled to ${opts.out} (sha256 ${result.compiled.hash})\n`);
  } else {
    io.out.write(json);
  }
  return 0;
}
