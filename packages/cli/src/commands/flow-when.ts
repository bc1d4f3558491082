import { readFile } from 'node:fs/promises';
import {
  businessHoursBranch,
  type InlineSchedule,
  inlineScheduleSchema,
  instantAt,
  isValidTimezone,
  localTime,
} from '@parley/flow-schema';
import { type Output, readFlow, reportProblems, UsageError } from '../io';

/**
 * `parley flow when FILE --at 2026-12-25T09:00`: which branch each business-hours node takes then.
 * A time without an offset is read on the flow's own clock (its timezone), as an admin means it.
 */
export async function flowWhen(
  file: string,
  opts: { at: string; schedules?: string },
  io: Output,
): Promise<number> {
  const parsed = await readFlow(file);
  if (!parsed.ok) return reportProblems(file, parsed.problems, io);
  const doc = parsed.document;
  const zone = doc.settings.timezone;
  if (!isValidTimezone(zone))
    throw new UsageError(`${file}: settings.timezone "${zone}" is not an IANA timezone`);
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(opts.at);
  const at = hasOffset ? new Date(opts.at) : safeInstant(opts.at, zone);
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`--at "${opts.at}" is not a date-time like 2026-12-25T09:00`);
  const schedules = opts.schedules ? await readSchedules(opts.schedules) : {};

  const nodes = doc.nodes.filter((n) => n.type === 'businessHours');
  const local = localTime(at, zone);
  io.out.write(`${file} at ${local.date} ${local.time} ${zone} (${at.toISOString()}):\n`);
  if (nodes.length === 0) io.out.write('  no business-hours nodes\n');
  for (const node of nodes) {
    const branch = businessHoursBranch(node.data, at, zone, schedules);
    const name = node.label ? `${node.id} (${node.label})` : node.id;
    io.out.write(
      `  ${name}: ${branch ?? 'unknown: its schedule is a tenant schedule; pass --schedules FILE'}\n`,
    );
  }
  return 0;
}

function safeInstant(local: string, zone: string): Date {
  try {
    return instantAt(local, zone);
  } catch {
    return new Date(Number.NaN);
  }
}

async function readSchedules(file: string): Promise<Record<string, InlineSchedule>> {
  const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const out: Record<string, InlineSchedule> = {};
  for (const [id, value] of Object.entries(raw)) {
    const parsed = inlineScheduleSchema.safeParse({ kind: 'inline', ...(value as object) });
    if (!parsed.success)
      throw new UsageError(
        `${file}: schedule "${id}": ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    out[id] = parsed.data;
  }
  return out;
}
