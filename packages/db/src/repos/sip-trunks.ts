import { isIPv4, isIPv6 } from 'node:net';
import { and, arrayContains, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { ConflictError, NotFoundError } from '../errors';
import { checkId, checkIds, parseInput } from '../input';
import { isUniqueViolation } from '../pg-errors';
import { bumpRoutingGeneration } from '../routing-generation';
import { sipTrunks } from '../schema';
import { audit } from './audit';

export type SipTrunk = typeof sipTrunks.$inferSelect;

/** What an admin says about an SBC: a name, and its FQDN or source addresses (or both). */
export interface SipTrunkInput {
  name: string;
  fqdn?: string | null;
  addresses: string[];
}

/** The trunk an incoming INVITE came through, and so its tenant. */
export interface FoundSipTrunk {
  id: string;
  tenantId: string;
  name: string;
}

// Labels of letters, digits and inner hyphens; the last one (the top-level domain) starts with a letter,
// so an IPv4 address is not taken for a name.
const FQDN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower case without the trailing dot, as the SBC's Request-URI and the database both have it. */
function hostKey(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * One spelling per address, so a lookup by the source address the socket reports finds what an admin
 * typed: IPv6 compressed and lower-case, and an IPv4-mapped IPv6 address (what a dual-stack socket
 * reports for an IPv4 peer) as the IPv4 address. Null when it is not an IP address.
 */
function canonicalAddress(raw: string): string | null {
  const text = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(text)) return text;
  if (!isIPv6(text) || text.includes('%')) return null;
  const host = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!mapped) return host;
  const [high, low] = [Number.parseInt(mapped[1]!, 16), Number.parseInt(mapped[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

const fqdnSchema = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z
    .string()
    .max(254)
    .transform(hostKey)
    .refine((v) => FQDN.test(v), "use the SBC's fully qualified domain name, like sbc.contoso.com")
    .nullable()
    .optional(),
);

const addressSchema = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const address = canonicalAddress(value);
    if (address !== null) return address;
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not an IP address: use IPv4 like 203.0.113.10 or IPv6 like 2001:db8::10`,
    });
    return z.NEVER;
  });

const trunkFields = z.object({
  name: z.string().trim().min(1).max(200),
  fqdn: fqdnSchema,
  addresses: z
    .array(addressSchema)
    .max(50)
    .transform((list) => [...new Set(list)]),
});

const IDENTIFY = {
  message: "give the SBC's FQDN or at least one of its IP addresses, so its calls can be told apart",
  path: ['addresses'],
};
const identifiable = (t: { fqdn?: string | null; addresses: string[] }) =>
  Boolean(t.fqdn) || t.addresses.length > 0;

const trunkInput = trunkFields.refine(identifiable, IDENTIFY);
const trunkPatch = trunkFields.partial();
/** A trunk as a patch leaves it, checked again as a whole. */
const patchedTrunk = z
  .object({ fqdn: z.string().nullable(), addresses: z.array(z.string()) })
  .refine(identifiable, IDENTIFY);

/**
 * Adds an SBC that sends the tenant's calls. ConflictError when the tenant has a trunk of that name, or
 * any tenant has one with that FQDN (an FQDN names one customer of an SBC).
 */
export async function createSipTrunk(
  db: Db,
  tenantId: string,
  input: SipTrunkInput,
  actorId: string,
): Promise<SipTrunk> {
  checkId('tenant', tenantId);
  const { name, fqdn, addresses } = parseInput(trunkInput, input);
  return db.transaction(async (tx) => {
    const [trunk] = await conflicts(
      tx
        .insert(sipTrunks)
        .values({ tenantId, name, fqdn: fqdn ?? null, addresses })
        .returning(),
      { name, fqdn },
    );
    await bumpRoutingGeneration(tx, tenantId);
    await audit(tx, {
      tenantId,
      actorId,
      action: 'trunk.create',
      subjectType: 'trunk',
      subjectId: trunk!.id,
      details: { name, fqdn: trunk!.fqdn, addresses },
    });
    return trunk!;
  });
}

/** The tenant's SIP trunks by name. */
export async function listSipTrunks(db: Db, tenantId: string): Promise<SipTrunk[]> {
  checkId('tenant', tenantId);
  return db.select().from(sipTrunks).where(eq(sipTrunks.tenantId, tenantId)).orderBy(asc(sipTrunks.name));
}

/**
 * Changes a trunk's name, FQDN or addresses (what the patch leaves out stays). ValidationError when the
 * trunk would be left with neither an FQDN nor an address; ConflictError as for createSipTrunk.
 */
export async function updateSipTrunk(
  db: Db,
  tenantId: string,
  trunkId: string,
  patch: Partial<SipTrunkInput>,
  actorId: string,
): Promise<SipTrunk> {
  checkIds(tenantId, 'trunk', trunkId);
  const changes = parseInput(trunkPatch, patch);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(sipTrunks)
      .where(and(eq(sipTrunks.tenantId, tenantId), eq(sipTrunks.id, trunkId)))
      .for('update');
    if (!current) throw new NotFoundError('trunk', trunkId);
    const next = {
      name: changes.name ?? current.name,
      fqdn: changes.fqdn === undefined ? current.fqdn : changes.fqdn,
      addresses: changes.addresses ?? current.addresses,
    };
    parseInput(patchedTrunk, next);
    const [trunk] = await conflicts(
      tx
        .update(sipTrunks)
        .set(next)
        .where(and(eq(sipTrunks.tenantId, tenantId), eq(sipTrunks.id, trunkId)))
        .returning(),
      next,
    );
    await bumpRoutingGeneration(tx, tenantId);
    await audit(tx, {
      tenantId,
      actorId,
      action: 'trunk.update',
      subjectType: 'trunk',
      subjectId: trunkId,
      details: {
        before: { name: current.name, fqdn: current.fqdn, addresses: current.addresses },
        after: next,
      },
    });
    return trunk!;
  });
}

/** Removes one of the tenant's trunks; INVITEs from that SBC then find no tenant. */
export async function deleteSipTrunk(
  db: Db,
  tenantId: string,
  trunkId: string,
  actorId: string,
): Promise<void> {
  checkIds(tenantId, 'trunk', trunkId);
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(sipTrunks)
      .where(and(eq(sipTrunks.tenantId, tenantId), eq(sipTrunks.id, trunkId)))
      .returning();
    if (!removed) throw new NotFoundError('trunk', trunkId);
    await bumpRoutingGeneration(tx, tenantId);
    await audit(tx, {
      tenantId,
      actorId,
      action: 'trunk.delete',
      subjectType: 'trunk',
      subjectId: trunkId,
      details: { name: removed.name, fqdn: removed.fqdn, addresses: removed.addresses },
    });
  });
}

/**
 * The trunk an INVITE came through, and so its tenant: a trunk whose FQDN is one of `hosts` (the
 * Contact's, the Via's…; case-insensitive, the first host that names a trunk wins; a trunk that lists
 * addresses only when the request comes from one of them), otherwise the
 * single trunk that lists the source `address`. Null when nothing matches, or when several trunks list
 * the address and no FQDN tells them apart. NOT tenant-scoped, on purpose: this is how the runtime
 * learns the tenant; only telephony code should call it. Trunk changes bump the routing generation, so
 * the answer may be cached until it moves.
 */
export async function findSipTrunk(
  db: Db,
  source: { address: string; hosts: string[] },
): Promise<FoundSipTrunk | null> {
  const columns = {
    id: sipTrunks.id,
    tenantId: sipTrunks.tenantId,
    name: sipTrunks.name,
    fqdn: sipTrunks.fqdn,
  };
  // A host may arrive with its port (sbc.contoso.com:5061); names never have one.
  const names = source.hosts.map((h) => hostKey(h.trim().replace(/:\d+$/, '')));
  const hosts = [...new Set(names.filter((h) => FQDN.test(h)))];
  const address = canonicalAddress(source.address);
  if (hosts.length > 0) {
    const named = await db
      .select({ ...columns, addresses: sipTrunks.addresses })
      .from(sipTrunks)
      .where(inArray(sipTrunks.fqdn, hosts));
    // A trunk that lists addresses answers to its FQDN only from them (anyone can write a name in Contact);
    // a trunk known by FQDN alone trusts the name (a TLS SBC behind changing addresses).
    const trusted = named.filter(
      (t) => t.addresses.length === 0 || (address !== null && t.addresses.includes(address)),
    );
    const first = hosts.map((h) => trusted.find((t) => t.fqdn === h)).find((t) => t !== undefined);
    if (first) return { id: first.id, tenantId: first.tenantId, name: first.name };
  }
  if (address === null) return null;
  const listed = await db
    .select(columns)
    .from(sipTrunks)
    .where(arrayContains(sipTrunks.addresses, [address]))
    .limit(2);
  if (listed.length !== 1) return null;
  const [only] = listed;
  return { id: only!.id, tenantId: only!.tenantId, name: only!.name };
}

/** Runs a trunk write and says which taken value a unique violation is about. */
async function conflicts<T>(write: Promise<T>, values: { name: string; fqdn?: string | null }): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error, 'sip_trunks_fqdn_unique'))
      throw new ConflictError(`${values.fqdn} is the FQDN of another trunk (in this or another tenant)`, {
        field: 'fqdn',
      });
    if (isUniqueViolation(error))
      throw new ConflictError(`a trunk named "${values.name}" exists`, { field: 'name' });
    throw error;
  }
}
