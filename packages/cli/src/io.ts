import { readFile } from 'node:fs/promises';
import { type FlowDocument, formatProblem, type Problem, parseFlow } from '@parley/flow-schema';

/** Where a command writes: standard output for results, standard error for diagnostics. */
export interface Output {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

/** A command that ends with a message and an exit code instead of a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Reads and parses a flow file, or says precisely why it can't. */
export async function readFlow(
  file: string,
): Promise<{ ok: true; document: FlowDocument } | { ok: false; problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseFlow(json);
}

/** Prints problems one per line, prefixed with the file, and returns the exit code for them. */
export function reportProblems(file: string, problems: Problem[], io: Output): number {
  for (const p of problems) io.err.write(`${file}: ${formatProblem(p)}\n`);
  io.err.write(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  return 1;
}
