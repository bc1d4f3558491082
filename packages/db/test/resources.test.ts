import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  createAgent,
  createFlow,
  createPrompt,
  createQueue,
  createSchedule,
  createSkill,
  getAgent,
  getPrompt,
  getPromptAudio,
  getQueue,
  getSchedule,
  listAgents,
  listPrompts,
  listQueues,
  listSchedules,
  listSkills,
  NotFoundError,
  queueAgents,
  referenceResolver,
  ValidationError,
} from '../src';
import { useTestDatabase } from './support/database';
import { newTenant, validFlow } from './support/fixtures';

const database = useTestDatabase();

describe('what flows refer to: schedules, skills, queues, agents and prompts', () => {
  it('an admin sets up business hours, and a bad definition says what is wrong', async () => {
    const { db } = database;
    const { tenantId } = await newTenant(db);
    const weekly = { mon: [{ open: '09:00', close: '17:00' }] };
    const schedule = await createSchedule(db, tenantId, {
      name: 'Office',
      definition: { kind: 'inline', timezone: 'Europe/Oslo', weekly },
    });
    expect(schedule.definition).toMatchObject({ kind: 'inline', weekly, holidays: [], specialDays: [] });
    expect(await getSchedule(db, tenantId, schedule.id)).toEqual(schedule);
    expect((await listSchedules(db, tenantId)).map((s) => s.name)).toEqual(['Office']);

    const bad = await createSchedule(db, tenantId, {
      name: 'Backwards',
      definition: { kind: 'inline', weekly: { tue: [{ open: '17:00', close: '09:00' }] } },
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).problems[0]).toMatchObject({
      code: 'invalid-schedule',
      field: 'definition.weekly.tue.0.close',
    });
    await expect(
      createSchedule(db, tenantId, {
        name: 'Mars',
        definition: { kind: 'inline', timezone: 'Mars/Olympus_Mons' },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('a queue asks for skills and an agent has them with a proficiency from 1 to 5', async () => {
    const { db } = database;
    const { tenantId } = await newTenant(db);
    const french = await createSkill(db, tenantId, { name: 'French' });
    const billing = await createSkill(db, tenantId, { name: 'Billing' });
    const queue = await createQueue(db, tenantId, {
      name: 'Billing FR',
      settings: { maxWaitSeconds: 600 },
      skillIds: [french.id, billing.id],
    });
    const agent = await createAgent(db, tenantId, {
      teamsUserId: 'marie@contoso.com',
      displayName: 'Marie',
      skills: [
        { skillId: french.id, proficiency: 5 },
        { skillId: billing.id, proficiency: 2 },
      ],
    });

    expect((await listSkills(db, tenantId)).map((s) => s.name)).toEqual(['Billing', 'French']);
    expect((await getQueue(db, tenantId, queue.id)).skillIds.sort()).toEqual([french.id, billing.id].sort());
    expect((await listQueues(db, tenantId))[0]?.settings).toEqual({ maxWaitSeconds: 600 });
    expect((await getAgent(db, tenantId, agent.id)).skills).toEqual(
      expect.arrayContaining([{ skillId: french.id, proficiency: 5 }]),
    );
    expect((await listAgents(db, tenantId)).map((a) => a.displayName)).toEqual(['Marie']);

    await expect(
      createAgent(db, tenantId, {
        teamsUserId: 'x@contoso.com',
        displayName: 'X',
        skills: [{ skillId: french.id, proficiency: 6 }],
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      createAgent(db, tenantId, { teamsUserId: 'marie@contoso.com', displayName: 'Marie again' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('a caller waits in Billing FR: only agents with French and Billing can take it, the better first', async () => {
    const { db } = database;
    const { tenantId } = await newTenant(db);
    const other = await newTenant(db, 'other');
    const [french, billing, german] = await Promise.all(
      ['French', 'Billing', 'German'].map((name) => createSkill(db, tenantId, { name })),
    );
    const queue = await createQueue(db, tenantId, {
      name: 'Billing FR',
      settings: { alertTimeoutSeconds: 20, maxQueueSize: 25, music: 'jazz' },
      skillIds: [french!.id, billing!.id],
    });
    const agent = (displayName: string, skills: [{ id: string } | undefined, number][]) =>
      createAgent(db, tenantId, {
        teamsUserId: `${displayName.toLowerCase()}@contoso.com`,
        displayName,
        skills: skills.map(([s, proficiency]) => ({ skillId: s!.id, proficiency })),
      });
    await agent('Marie', [
      [french, 5],
      [billing, 2],
    ]);
    await agent('Hans', [
      [german, 5],
      [billing, 5],
    ]);
    await agent('Luc', [
      [french, 4],
      [billing, 4],
      [german, 1],
    ]);

    const agents = await queueAgents(db, tenantId, queue.id);
    expect(agents.map((a) => [a.displayName, a.queueProficiency])).toEqual([
      ['Luc', 4],
      ['Marie', 3.5],
    ]);
    expect(agents[0]?.skills).toHaveLength(3);
    expect((await getQueue(db, tenantId, queue.id)).settings).toEqual({
      alertTimeoutSeconds: 20,
      maxQueueSize: 25,
      music: 'jazz',
    });

    const anyone = await createQueue(db, tenantId, { name: 'Reception' });
    expect((await queueAgents(db, tenantId, anyone.id)).map((a) => a.displayName)).toEqual([
      'Hans',
      'Luc',
      'Marie',
    ]);
    await expect(queueAgents(db, other.tenantId, queue.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      createQueue(db, tenantId, { name: 'Bad', settings: { alertTimeoutSeconds: 0 } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('a tenant cannot give its queue or agent another tenant’s skill', async () => {
    const { db } = database;
    const a = await newTenant(db, 'a');
    const b = await newTenant(db, 'b');
    const skillOfA = await createSkill(db, a.tenantId, { name: 'Secret' });
    await expect(createQueue(db, b.tenantId, { name: 'Q', skillIds: [skillOfA.id] })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      createAgent(db, b.tenantId, {
        teamsUserId: 'b@b.com',
        displayName: 'B',
        skills: [{ skillId: skillOfA.id, proficiency: 1 }],
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await listQueues(db, b.tenantId)).toEqual([]);
    expect(await listAgents(db, b.tenantId)).toEqual([]);
  });

  it('an uploaded prompt keeps its audio inline, or a storage key for large files', async () => {
    const { db } = database;
    const { tenantId } = await newTenant(db);
    const audio = new Uint8Array([82, 73, 70, 70, 0, 1, 2, 255]);
    const inline = await createPrompt(db, tenantId, {
      name: 'Welcome',
      language: 'en-GB',
      contentType: 'audio/wav',
      bytes: audio,
      durationMs: 1200,
    });
    const stored = await createPrompt(db, tenantId, {
      name: 'Hold music',
      language: 'en-GB',
      contentType: 'audio/mpeg',
      storageKey: 'prompts/hold.mp3',
      sizeBytes: 4_000_000,
    });

    expect(inline).toMatchObject({ sizeBytes: 8, durationMs: 1200, storageKey: null });
    expect(inline).not.toHaveProperty('bytes');
    expect(await getPrompt(db, tenantId, stored.id)).toEqual(stored);
    const back = await getPromptAudio(db, tenantId, inline.id);
    expect('bytes' in back && [...back.bytes]).toEqual([...audio]);
    expect(await getPromptAudio(db, tenantId, stored.id)).toEqual({
      contentType: 'audio/mpeg',
      storageKey: 'prompts/hold.mp3',
    });
    expect((await listPrompts(db, tenantId)).map((p) => p.name)).toEqual(['Hold music', 'Welcome']);
    await expect(
      createPrompt(db, tenantId, { name: 'Neither', language: 'en', contentType: 'audio/wav' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('the reference resolver knows the tenant’s own queues, schedules, prompts, flows and skills only', async () => {
    const { db } = database;
    const a = await newTenant(db, 'a');
    const b = await newTenant(db, 'b');
    const queue = await createQueue(db, a.tenantId, { name: 'Sales' });
    const skill = await createSkill(db, a.tenantId, { name: 'Sales' });
    const schedule = await createSchedule(db, a.tenantId, { name: 'Hours', definition: { kind: 'inline' } });
    const prompt = await createPrompt(db, a.tenantId, {
      name: 'Hi',
      language: 'en',
      contentType: 'audio/wav',
      bytes: new Uint8Array(1),
    });
    const flow = await createFlow(db, a.tenantId, { name: 'Main', document: validFlow }, a.userId);

    const ofA = await referenceResolver(db, a.tenantId);
    const ofB = await referenceResolver(db, b.tenantId);
    const refs = [
      { kind: 'queue', id: queue.id },
      { kind: 'skill', id: skill.id },
      { kind: 'schedule', id: schedule.id },
      { kind: 'prompt', id: prompt.id },
      { kind: 'flow', id: flow.id },
    ] as const;
    for (const ref of refs) {
      expect(ofA(ref)).toBe(true);
      expect(ofB(ref)).toBe(false);
    }
    expect(ofA({ kind: 'queue', id: skill.id })).toBe(false); // a skill id is not a queue
  });
});
