import { type Db, findSipTrunk, listSchedules, routeAddress, routingGeneration } from '@parley/db';
import type { CompiledFlow, InlineSchedule } from '@parley/flow-schema';
import { inlineScheduleSchema } from '@parley/flow-schema';

/** Where a call to an address goes: the tenant, the bound flow and its live version's machine. */
export interface Route {
  tenantId: string;
  flowId: string;
  version: number;
  compiled: CompiledFlow;
}

/** A SIP trunk and the tenant it belongs to. */
export interface SipTrunkMatch {
  id: string;
  tenantId: string;
  name: string;
}

const MAX_CACHED_TRUNK_SOURCES = 10_000;

/**
 * Called number or resource account → tenant → bound flow → live version, cached. The cache is dropped
 * whenever the database's routing generation moves (a publish, a rollback, a binding changed), which
 * is checked at most once per `checkEveryMs`, so no restart is needed and a lookup rarely costs a query.
 */
export class Router {
  private readonly routes = new Map<string, Route | null>();
  private readonly schedules = new Map<string, Record<string, InlineSchedule>>();
  private readonly trunks = new Map<string, SipTrunkMatch | null>();
  private generation: number | null = null;
  private readonly loadedListeners: ((route: Route) => void)[] = [];
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
    if (route) for (const listener of this.loadedListeners) listener(route);
    return route;
  }

  /** Runs whenever a route is read from the database (first use, or after routing changed). */
  onRouteLoaded(listener: (route: Route) => void): void {
    this.loadedListeners.push(listener);
  }

  /**
   * The SIP trunk a request came through (its FQDN among `hosts`, else its source address), or null for an
   * SBC no tenant has configured.
   */
  async trunk(source: { address: string; hosts: string[] }): Promise<SipTrunkMatch | null> {
    await this.refresh();
    const key = `${source.address}\n${source.hosts.join(',')}`;
    if (this.trunks.has(key)) return this.trunks.get(key) ?? null;
    const found = await findSipTrunk(this.db, source);
    // Bounded: a scan of many source addresses must not grow the cache without end.
    if (this.trunks.size >= MAX_CACHED_TRUNK_SOURCES) this.trunks.clear();
    this.trunks.set(key, found);
    return found;
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
    this.trunks.clear();
    this.checkedAt = 0;
  }

  private async refresh(): Promise<void> {
    if (Date.now() - this.checkedAt < this.checkEveryMs) return;
    this.checkedAt = Date.now();
    const generation = await routingGeneration(this.db);
    if (generation !== this.generation) {
      this.routes.clear();
      this.schedules.clear();
      this.trunks.clear();
      this.generation = generation;
    }
  }
}
