import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  createSipTrunk,
  deleteSipTrunk,
  findSipTrunk,
  listAudit,
  listSipTrunks,
  NotFoundError,
  routingGeneration,
  sipTrunks,
  updateSipTrunk,
  ValidationError,
} from '../src';
import { useTestDatabase } from './support/database';
import { databaseFailure, newTenant } from './support/fixtures';

const database = useTestDatabase();

/** A documentation address (RFC 5737) of its own for each test, so tests sharing a database do not meet. */
let lastOctet = 0;
const freshAddress = () => `198.51.100.${++lastOctet}`;
let lastLabel = 0;
const freshFqdn = (customer: string) => `${customer}-${++lastLabel}.sbc.contoso.com`;

/** The field a ValidationError names first, and its message. */
async function refusal(work: Promise<unknown>): Promise<{ field: string | undefined; message: string }> {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  const [problem] = (error as ValidationError).problems;
  return { field: problem?.field, message: problem?.message ?? '' };
}

describe('SIP trunks: which SBC sends which tenant its calls', () => {
  it('an admin adds the SBC, edits it and removes it; each change is audited and moves the routing generation', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const before = await routingGeneration(db);

    const trunk = await createSipTrunk(
      db,
      tenantId,
      {
        name: 'Contoso SBC',
        fqdn: ' Customer1.SBC.Contoso.com. ',
        addresses: ['203.0.113.10', '2001:DB8:0:0::10'],
      },
      userId,
    );
    expect(trunk).toMatchObject({
      tenantId,
      name: 'Contoso SBC',
      fqdn: 'customer1.sbc.contoso.com',
      addresses: ['203.0.113.10', '2001:db8::10'],
    });
    expect(trunk.createdAt).toBeInstanceOf(Date);

    const edited = await updateSipTrunk(db, tenantId, trunk.id, { addresses: ['203.0.113.11'] }, userId);
    expect(edited).toMatchObject({
      name: 'Contoso SBC',
      fqdn: 'customer1.sbc.contoso.com',
      addresses: ['203.0.113.11'],
    });
    const renamed = await updateSipTrunk(
      db,
      tenantId,
      trunk.id,
      { name: 'Contoso SBC (Dublin)', fqdn: null },
      userId,
    );
    expect(renamed).toMatchObject({ name: 'Contoso SBC (Dublin)', fqdn: null, addresses: ['203.0.113.11'] });
    expect(await listSipTrunks(db, tenantId)).toEqual([renamed]);

    await deleteSipTrunk(db, tenantId, trunk.id, userId);
    expect(await listSipTrunks(db, tenantId)).toEqual([]);
    await expect(deleteSipTrunk(db, tenantId, trunk.id, userId)).rejects.toBeInstanceOf(NotFoundError);

    const trail = await listAudit(db, tenantId, { subjectType: 'trunk' });
    expect(trail.map((e) => e.action)).toEqual([
      'trunk.delete',
      'trunk.update',
      'trunk.update',
      'trunk.create',
    ]);
    expect(trail.every((e) => e.actorId === userId && e.subjectId === trunk.id)).toBe(true);
    expect(trail[1]?.details).toMatchObject({
      before: { fqdn: 'customer1.sbc.contoso.com' },
      after: { name: 'Contoso SBC (Dublin)', fqdn: null },
    });
    expect(await routingGeneration(db)).toBe(before + 4);
  });

  it('one SBC serves two customers by subdomain: an FQDN belongs to one tenant across all tenants', async () => {
    const { db } = database;
    const contoso = await newTenant(db, 'contoso');
    const fabrikam = await newTenant(db, 'fabrikam');
    const fqdn = freshFqdn('customer1');
    await createSipTrunk(db, contoso.tenantId, { name: 'SBC', fqdn, addresses: [] }, contoso.userId);

    const taken = await createSipTrunk(
      db,
      fabrikam.tenantId,
      { name: 'SBC', fqdn: fqdn.toUpperCase(), addresses: [] },
      fabrikam.userId,
    ).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(ConflictError);
    expect((taken as ConflictError).message).toContain(`${fqdn} is the FQDN of another trunk`);
    expect((taken as ConflictError).details).toEqual({ field: 'fqdn' });

    // Fabrikam takes the next subdomain, then tries to move onto Contoso's.
    const own = await createSipTrunk(
      db,
      fabrikam.tenantId,
      { name: 'SBC', fqdn: freshFqdn('customer2'), addresses: [] },
      fabrikam.userId,
    );
    await expect(
      updateSipTrunk(db, fabrikam.tenantId, own.id, { fqdn }, fabrikam.userId),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      createSipTrunk(db, contoso.tenantId, { name: 'SBC', addresses: [freshAddress()] }, contoso.userId),
    ).rejects.toThrow('a trunk named "SBC" exists');

    // Even written around the repository, the database keeps FQDNs lower-case and so unique.
    expect(
      await databaseFailure(
        db.insert(sipTrunks).values({ tenantId: fabrikam.tenantId, name: 'Raw', fqdn: fqdn.toUpperCase() }),
      ),
    ).toContain('sip_trunks_fqdn_lower_case');
    expect(
      await databaseFailure(db.insert(sipTrunks).values({ tenantId: fabrikam.tenantId, name: 'Nothing' })),
    ).toContain('sip_trunks_fqdn_or_address');
  });

  it('bad input is refused naming the field', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const create = (input: { name: string; fqdn?: string | null; addresses: string[] }) =>
      refusal(createSipTrunk(db, tenantId, input, userId));

    expect(await create({ name: 'SBC', fqdn: 'not a host', addresses: [] })).toMatchObject({
      field: 'fqdn',
      message: expect.stringContaining('fully qualified domain name'),
    });
    expect(await create({ name: 'SBC', fqdn: '203.0.113.10', addresses: [] })).toMatchObject({
      field: 'fqdn',
    });
    expect(await create({ name: 'SBC', addresses: ['203.0.113.10', 'sbc.contoso.com'] })).toMatchObject({
      field: 'addresses.1',
      message: expect.stringContaining('"sbc.contoso.com" is not an IP address'),
    });
    expect(await create({ name: 'SBC', addresses: ['203.0.113.300'] })).toMatchObject({
      field: 'addresses.0',
    });
    expect(await create({ name: 'SBC', fqdn: '', addresses: [] })).toMatchObject({
      field: 'addresses',
      message: expect.stringContaining('FQDN or at least one of its IP addresses'),
    });
    expect(await create({ name: '  ', addresses: ['203.0.113.10'] })).toMatchObject({ field: 'name' });

    const trunk = await createSipTrunk(db, tenantId, { name: 'SBC', addresses: [freshAddress()] }, userId);
    expect(await refusal(updateSipTrunk(db, tenantId, trunk.id, { addresses: [] }, userId))).toMatchObject({
      field: 'addresses',
    });
    expect(await listSipTrunks(db, tenantId)).toEqual([trunk]);
  });

  it('another tenant can neither see, edit nor delete the trunk', async () => {
    const { db } = database;
    const owner = await newTenant(db);
    const other = await newTenant(db, 'other');
    const trunk = await createSipTrunk(
      db,
      owner.tenantId,
      { name: 'SBC', addresses: [freshAddress()] },
      owner.userId,
    );

    expect(await listSipTrunks(db, other.tenantId)).toEqual([]);
    await expect(
      updateSipTrunk(db, other.tenantId, trunk.id, { name: 'Mine now' }, other.userId),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteSipTrunk(db, other.tenantId, trunk.id, other.userId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(deleteSipTrunk(db, other.tenantId, 'not-a-uuid', other.userId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await listSipTrunks(db, owner.tenantId)).toEqual([trunk]);
  });
});

describe('an INVITE finds its tenant through the trunk', () => {
  it('an SBC with its own address: the source address alone finds the tenant, however IPv6 is spelled', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const v4 = freshAddress();
    const trunk = await createSipTrunk(
      db,
      tenantId,
      { name: 'Office SBC', addresses: [v4, `2001:db8::${lastOctet.toString(16)}`] },
      userId,
    );
    const found = { id: trunk.id, tenantId, name: 'Office SBC' };

    expect(await findSipTrunk(db, { address: v4, hosts: [] })).toEqual(found);
    // A dual-stack socket reports an IPv4 peer as an IPv4-mapped IPv6 address.
    expect(await findSipTrunk(db, { address: `::ffff:${v4}`, hosts: [] })).toEqual(found);
    expect(
      await findSipTrunk(db, {
        address: `2001:DB8:0:0:0:0:0:${lastOctet.toString(16)}`,
        hosts: ['10.0.0.1'],
      }),
    ).toEqual(found);
    expect(await findSipTrunk(db, { address: '192.0.2.250', hosts: [] })).toBeNull();
    expect(await findSipTrunk(db, { address: 'garbage', hosts: [] })).toBeNull();
  });

  it('one SBC address serves two customers: the FQDN in the request tells them apart, without it the call is ambiguous', async () => {
    const { db } = database;
    const contoso = await newTenant(db, 'contoso');
    const fabrikam = await newTenant(db, 'fabrikam');
    const shared = freshAddress();
    const one = freshFqdn('customer1');
    const two = freshFqdn('customer2');
    const first = await createSipTrunk(
      db,
      contoso.tenantId,
      { name: 'Hosted SBC', fqdn: one, addresses: [shared] },
      contoso.userId,
    );
    const second = await createSipTrunk(
      db,
      fabrikam.tenantId,
      { name: 'Hosted SBC', fqdn: two, addresses: [shared] },
      fabrikam.userId,
    );

    expect(await findSipTrunk(db, { address: shared, hosts: [two.toUpperCase()] })).toEqual({
      id: second.id,
      tenantId: fabrikam.tenantId,
      name: 'Hosted SBC',
    });
    expect(await findSipTrunk(db, { address: shared, hosts: ['10.1.2.3', `${one}.:5061`] })).toMatchObject({
      id: first.id,
      tenantId: contoso.tenantId,
    });
    // A trunk that lists addresses takes its FQDN only from them: naming a customer from elsewhere is refused.
    expect(await findSipTrunk(db, { address: '192.0.2.1', hosts: [one] })).toBeNull();
    // The first host that names a trunk decides.
    expect(await findSipTrunk(db, { address: shared, hosts: [two, one] })).toMatchObject({ id: second.id });
    // Two trunks on the address and no FQDN of theirs: refusing beats guessing a tenant.
    expect(await findSipTrunk(db, { address: shared, hosts: [] })).toBeNull();
    expect(await findSipTrunk(db, { address: shared, hosts: ['elsewhere.example.com'] })).toBeNull();

    // Once one customer leaves, the address alone is enough again.
    await deleteSipTrunk(db, contoso.tenantId, first.id, contoso.userId);
    expect(await findSipTrunk(db, { address: shared, hosts: [] })).toMatchObject({ id: second.id });
    expect(await findSipTrunk(db, { address: shared, hosts: [one] })).toMatchObject({ id: second.id });
  });
});
