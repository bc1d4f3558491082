import { type InlineSchedule, inlineScheduleSchema, isValidTimezone } from '@parley/flow-schema';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { NotFoundError, ValidationError } from '../errors';
import { checkId, checkIds, parseInput, uniquely } from '../input';
import { schedules } from '../schema';

export type Schedule = typeof schedules.$inferSelect;

const scheduleInput = z.object({ name: z.string().trim().min(1).max(200), definition: z.unknown() });

/** Checks a definition with flow-schema's inline schedule schema, so flows and schedules agree. */
function parseDefinition(raw: unknown): InlineSchedule {
  const parsed = inlineScheduleSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        nodeId: null,
        field: ['definition', ...i.path].join('.'),
        code: 'invalid-schedule' as const,
        message: i.message,
      })),
    );
  }
  const { timezone } = parsed.data;
  if (timezone !== undefined && !isValidTimezone(timezone)) {
    throw new ValidationError([
      {
        nodeId: null,
        field: 'definition.timezone',
        code: 'invalid-timezone',
        message: `"${timezone}" is not an IANA timezone`,
      },
    ]);
  }
  return parsed.data;
}

/** Creates a named business-hours schedule; ValidationError when the definition is not a valid schedule. */
export async function createSchedule(
  db: Db,
  tenantId: string,
  input: { name: string; definition: unknown },
): Promise<Schedule> {
  checkId('tenant', tenantId);
  const { name, definition } = parseInput(scheduleInput, input);
  const [schedule] = await uniquely(
    db
      .insert(schedules)
      .values({ tenantId, name, definition: parseDefinition(definition) })
      .returning(),
    `a schedule named "${name}" exists`,
  );
  return schedule!;
}

/** The tenant's schedules by name. */
export async function listSchedules(db: Db, tenantId: string): Promise<Schedule[]> {
  checkId('tenant', tenantId);
  return db.select().from(schedules).where(eq(schedules.tenantId, tenantId)).orderBy(asc(schedules.name));
}

/** One schedule. */
export async function getSchedule(db: Db, tenantId: string, scheduleId: string): Promise<Schedule> {
  checkIds(tenantId, 'schedule', scheduleId);
  const [schedule] = await db
    .select()
    .from(schedules)
    .where(and(eq(schedules.tenantId, tenantId), eq(schedules.id, scheduleId)));
  if (!schedule) throw new NotFoundError('schedule', scheduleId);
  return schedule;
}
