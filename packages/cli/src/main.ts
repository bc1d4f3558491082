import { parseArgs } from 'node:util';
import { callSimulate } from './commands/call-simulate';
import { flowCompile } from './commands/flow-compile';
import { flowValidate } from './commands/flow-validate';
import { flowWhen } from './commands/flow-when';
import { type Output, UsageError } from './io';

const USAGE = `usage:
  parley flow validate FILE...            list every problem of each flow (exit 1 if any)
           [--json]                       problems as JSON
  parley flow compile FILE [--out FILE]   the XState machine the runtime runs, as JSON
  parley flow when FILE --at DATETIME     which branch each business-hours node takes then
           [--schedules FILE]             tenant schedules by id, for nodes that reference one
  parley call simulate --flow FILE        run one call with a scripted caller; print the path taken
           [--digits 1,1234#]             what the caller types each time a node asks
           [--at DATETIME]                when the call happens (business hours)
           [--hangup-after 30s]           the caller hangs up then
           [--agents answer|noAnswer|none|overflow] [--transfer-fails] [--json]
`;

/** Runs the parley command with its arguments; resolves to the process exit code. */
export async function main(argv: string[], io: Output): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        at: { type: 'string' },
        schedules: { type: 'string' },
        flow: { type: 'string' },
        digits: { type: 'string' },
        'hangup-after': { type: 'string' },
        agents: { type: 'string' },
        'transfer-fails': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [area, command, ...files] = positionals;
    if (values.help || !area) {
      io.out.write(USAGE);
      return values.help ? 0 : 2;
    }
    if (area === 'call') {
      if (command !== 'simulate') throw new UsageError(`unknown command "call ${command ?? ''}"`);
      if (!values.flow) throw new UsageError('parley call simulate needs --flow FILE');
      return await callSimulate(
        values.flow,
        {
          digits: values.digits,
          at: values.at,
          hangupAfter: values['hangup-after'],
          agents: values.agents,
          transferFails: values['transfer-fails'],
          json: values.json,
        },
        io,
      );
    }
    if (area !== 'flow') throw new UsageError(`unknown command "${area}"`);
    if (files.length === 0) throw new UsageError(`parley flow ${command ?? '?'} needs a FILE`);
    switch (command) {
      case 'validate':
        return await flowValidate(files, { json: values.json }, io);
      case 'compile':
        return await flowCompile(files[0]!, { out: values.out }, io);
      case 'when':
        if (!values.at)
          throw new UsageError('parley flow when needs --at DATETIME, like --at 2026-12-25T09:00');
        return await flowWhen(files[0]!, { at: values.at, schedules: values.schedules }, io);
      default:
        throw new UsageError(`unknown command "flow ${command ?? ''}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err.write(`parley: ${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
