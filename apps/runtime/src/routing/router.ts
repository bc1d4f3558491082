import { type Db, listSchedules, routeAddress, routingGeneration } from '@parley/db';
import type { CompiledFlow, InlineSchedule } from '@parley/flow-schema';
import { inlineScheduleSchema } from '@parley/flow-schema';

/** Where a call to an address goes: the tenant, the bound flow and its live version's machine. */
export interface Route {
  tenantId: string;
  flowId: string;
  version: number;
  compiled: CompiledFlow;
}

/**
 * Called number or resource account → tenant → bound flow → live version, cached. The cache is dropped
 * whenever the database's routing generation moves (a publish, a rollback, a binding changed), which
 * is checked at most once per `checkEveryMs`, so no restart is needed and a lookup rarely costs a query.
 */
export class Router {
  private readonly routes = new Map<string, Route | null>();
  private readonly schedules = new Map<string, Record<string, InlineSchedule>>();
  private generation: number | null = null;
  private checkedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly checkEveryMs = 1_000,
  ) {}

  /** The route of an address, or null when nothing (or a never-published flow) is bound to it. */
  async route(address: string): Promise<Route | null> {
    await this.refresh();
    if (this.routes.has(address)) return this.routes.get(address) ?? null;
    const found = await routeAddress(this.db, address);
    const route = found && {
      tenantId: found.tenantId,
      flowId: found.flowId,
      version: found.version,
      compiled: found.compiled as CompiledFlow,
    };
    this.routes.set(address, route);
    return route;
  }

  /** A tenant's schedules by id, for business-hours nodes that name one (read when the call starts). */
  async tenantSchedules(tenantId: string): Promise<Record<string, InlineSchedule>> {
    await this.refresh();
    const cached = this.schedules.get(tenantId);
    if (cached) return cached;
    const byId: Record<string, InlineSchedule> = {};
    for (const schedule of await listSchedules(this.db, tenantId)) {
      const parsed = inlineScheduleSchema.safeParse({ kind: 'inline', ...(schedule.definition as object) });
      if (parsed.success) byId[schedule.id] = parsed.data;
    }
    this.schedules.set(tenantId, byId);
    return byId;
  }

  /** Forgets everything now (tests, or after this process changed routing itself). */
  invalidate(): void {
    this.routes.clear();
    this.schedules.clear();
    this.checkedAt = 0;
  }

  private async refresh(): Promise<void> {
    if (Date.now() - this.checkedAt < this.checkEveryMs) return;
    this.checkedAt = Date.now();
    const generation = await routingGeneration(this.db);
    if (generation !== this.generation) {
      this.routes.clear();
      this.schedules.clear();
      this.generation = generation;
    }
  }
}
