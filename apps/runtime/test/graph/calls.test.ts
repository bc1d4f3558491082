import { randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ID,
  BOT_ID,
  MAILBOX_ID,
  ParleyUnderTest,
  SUPPORT_ID,
  SUPPORT_UPN,
  supportLine,
  TENANT_ID,
  TestCallHandler,
} from './harness';
import { fixture, GraphStandin } from './standin';

interface PlayPromptBody {
  clientContext: string;
  prompts: { '@odata.type': string; mediaInfo: { '@odata.type': string; uri: string; resourceId: string } }[];
}

describe('Graph calling adapter against the Graph stand-in', () => {
  const standin = new GraphStandin({
    appId: APP_ID,
    appSecret: 'standin-secret',
    tenantId: TENANT_ID,
    users: { [SUPPORT_UPN]: SUPPORT_ID },
  });
  let handler: TestCallHandler;
  let parley: ParleyUnderTest;

  beforeAll(async () => {
    await standin.start();
    handler = new TestCallHandler(supportLine);
    parley = new ParleyUnderTest(standin, handler);
    await parley.start();
  });

  afterAll(async () => {
    await parley.stop();
    await standin.stop();
  });

  afterEach(() => {
    standin.opts.promptMs = 50;
    standin.opts.transfer = 'accept';
    handler.bindings.clear();
    handler.bindings.add(BOT_ID);
  });

  const newCallId = () => randomUUID();
  const playPrompts = (callId: string) =>
    standin.requestsTo(`/communications/calls/${callId}/playPrompt`).map((r) => r.body as PlayPromptBody);

  it('a Teams user calls → answered with service-hosted media → hears the welcome (a real 16 kHz WAV) → presses 2 → transferred to support → handed off', async () => {
    const callId = newCallId();
    expect((await standin.ring(callId, { displayName: 'Adele Vance' })).status).toBe(202);
    expect(handler.incomingCalls.at(-1)).toEqual({
      callId,
      tenantId: TENANT_ID,
      caller: '8A34A46B-3D17-4ADC-8DCE-DC4E7D572698',
      callerName: 'Adele Vance',
      called: BOT_ID,
    });

    const answer = await standin.waitForRequest(`/communications/calls/${callId}/answer`);
    const documented = fixture('request-answer-service-hosted.json') as {
      mediaConfig: Record<string, unknown>;
    };
    const body = answer.body as typeof documented & Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort());
    expect(body).toMatchObject({
      callbackUri: `${parley.origin}/graph/callback`,
      acceptedModalities: ['audio'],
      mediaConfig: { '@odata.type': '#microsoft.graph.serviceHostedMediaConfig' },
    });
    expect(Object.keys(body.mediaConfig).sort()).toEqual(Object.keys(documented.mediaConfig).sort());
    const prefetched = body.mediaConfig.preFetchMedia as { uri: string; resourceId: string }[];
    expect(prefetched).toHaveLength(2);
    for (const media of prefetched) {
      expect(Object.keys(media).sort()).toEqual(['resourceId', 'uri']);
      expect(media.uri).toMatch(new RegExp(`^${parley.origin}/prompts/[0-9a-f]{64}\\.wav$`));
    }
    // The app-only token came from the stand-in's token endpoint, through msal-node.
    expect(standin.issuedTokens.has(answer.authorization!.replace('Bearer ', ''))).toBe(true);

    // After `established`: tones first (so keys are heard), then the welcome.
    const welcome = await standin.waitForRequest(`/communications/calls/${callId}/playPrompt`);
    const order = standin.requests.map((r) => r.path);
    expect(order.indexOf(`/v1.0/communications/calls/${callId}/subscribeToTone`)).toBeGreaterThan(-1);
    expect(order.indexOf(`/v1.0/communications/calls/${callId}/subscribeToTone`)).toBeLessThan(
      order.indexOf(`/v1.0/communications/calls/${callId}/playPrompt`),
    );
    const welcomeBody = welcome.body as PlayPromptBody;
    expect(welcomeBody.prompts).toHaveLength(1);
    expect(welcomeBody.prompts[0]!['@odata.type']).toBe('#microsoft.graph.mediaPrompt');
    expect(welcomeBody.prompts[0]!.mediaInfo['@odata.type']).toBe('#microsoft.graph.mediaInfo');
    expect(welcomeBody.prompts[0]!.mediaInfo.uri).toBe(prefetched[0]!.uri);
    expect(welcomeBody.prompts[0]!.mediaInfo.resourceId).toBe(prefetched[0]!.resourceId);
    expect(welcomeBody.clientContext.length).toBeLessThanOrEqual(256);

    // Graph fetches the prompt: a WAV it can play (mediainfo.md: mono, 16-bit, 16 kHz).
    const wav = Buffer.from(await (await fetch(welcomeBody.prompts[0]!.mediaInfo.uri)).arrayBuffer());
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect(wav.readUInt16LE(20)).toBe(1); // PCM
    expect(wav.readUInt16LE(22)).toBe(1); // mono
    expect(wav.readUInt32LE(24)).toBe(16_000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    expect(wav.length - 44).toBeGreaterThan(16_000); // over half a second of speech

    // The welcome completes (stand-in, 50 ms) → PROMPT_DONE → the menu plays; the caller presses 2.
    await standin.waitForRequest(`/communications/calls/${callId}/playPrompt`, 2);
    await standin.press(callId, '2');

    const transfer = await standin.waitForRequest(`/communications/calls/${callId}/transfer`);
    // The UPN of the flow became an object id (Graph identities are ids).
    const lookups = standin.requestsTo(`/users/${encodeURIComponent(SUPPORT_UPN)}`);
    expect(lookups).toHaveLength(1);
    expect(decodeURIComponent(lookups[0]!.query)).toBe('?$select=id');
    // call-transfer.md example 1: endpointType default, identity.user.id.
    expect(transfer.body).toEqual({
      transferTarget: {
        '@odata.type': '#microsoft.graph.invitationParticipantInfo',
        endpointType: 'default',
        identity: {
          '@odata.type': '#microsoft.graph.identitySet',
          user: { '@odata.type': '#microsoft.graph.identity', id: SUPPORT_ID },
        },
      },
      clientContext: 'parley|transfer|target',
    });

    await expect(handler.sessions.get(callId)!.ended()).resolves.toBe('handoff');
    const path = handler
      .recordsOf(callId)
      .filter((r) => r.type === 'node.left')
      .map((r) => `${r.nodeId}:${r.data.outcome}`);
    expect(path).toEqual(['start:next', 'welcome:done', 'mainMenu:2']);
    expect(handler.recordsOf(callId).find((r) => r.type === 'digits.received')?.data).toEqual({ digit: '2' });
    expect(parley.adapter.liveCallIds).not.toContain(callId);
  });

  it('support is busy → the transfer fails → the caller hears the apology → Parley hangs up', async () => {
    standin.opts.transfer = 'fail';
    const callId = newCallId();
    await standin.ring(callId);
    await standin.waitForRequest(`/communications/calls/${callId}/playPrompt`, 2);
    await standin.press(callId, '2');
    await standin.waitForRequest(`/communications/calls/${callId}/transfer`);
    await standin.waitForRequest(`/communications/calls/${callId}/playPrompt`, 3);
    expect(playPrompts(callId)[2]!.prompts[0]!.mediaInfo.uri).not.toBe(
      playPrompts(callId)[1]!.prompts[0]!.mediaInfo.uri,
    );
    await expect(handler.sessions.get(callId)!.ended()).resolves.toBe('flow');
    const hangup = await standin.waitForRequest(`/communications/calls/${callId}`);
    expect(hangup.method).toBe('DELETE');
    expect(
      handler
        .recordsOf(callId)
        .filter((r) => r.type === 'node.left')
        .at(-2)?.data,
    ).toEqual({
      outcome: 'failed',
    });
  });

  it('presses 1 → voicemail is a transfer to the mailbox owner with endpointType voicemail → handed off', async () => {
    const callId = newCallId();
    await standin.ring(callId);
    await standin.waitForRequest(`/communications/calls/${callId}/playPrompt`, 2);
    await standin.press(callId, '1');
    const transfer = await standin.waitForRequest(`/communications/calls/${callId}/transfer`);
    expect(transfer.body).toMatchObject({
      transferTarget: { endpointType: 'voicemail', identity: { user: { id: MAILBOX_ID } } },
    });
    await expect(handler.sessions.get(callId)!.ended()).resolves.toBe('handoff');
  });

  it('the caller hangs up during the welcome → HANGUP → the call ends, ended by the caller', async () => {
    standin.opts.promptMs = 'manual';
    const callId = newCallId();
    await standin.ring(callId);
    await standin.waitForRequest(`/communications/calls/${callId}/playPrompt`);
    await standin.hangUp(callId);
    await expect(handler.sessions.get(callId)!.ended()).resolves.toBe('caller');
    expect(parley.adapter.liveCallIds).not.toContain(callId);
    expect(standin.requestsTo(`/communications/calls/${callId}`)).toEqual([]); // Parley did not DELETE
  });

  it('no flow is bound to the called bot → the call is rejected (reason none), never answered', async () => {
    handler.bindings.clear();
    const callId = newCallId();
    expect((await standin.ring(callId)).status).toBe(202);
    const reject = await standin.waitForRequest(`/communications/calls/${callId}/reject`);
    expect(reject.body).toEqual({ reason: 'none' });
    expect(standin.requestsTo(`/communications/calls/${callId}/answer`)).toEqual([]);
    expect(handler.sessions.has(callId)).toBe(false);
  });

  it('a notification without a valid token → 401, and the call handler never hears of it', async () => {
    const stranger = await generateKeyPair('RS256');
    const tokens: [string, string | null][] = [
      ['missing', null],
      ['not a JWT', 'not-a-jwt'],
      ['another app', await standin.notificationToken({ aud: randomUUID() })],
      ['unknown issuer', await standin.notificationToken({ iss: 'https://evil.example' })],
      ['expired', await standin.notificationToken({ expiresInS: -3600 })],
      ['signed by someone else', await standin.notificationToken({ key: stranger.privateKey })],
    ];
    const before = { incoming: handler.incomingCalls.length, requests: standin.requests.length };
    for (const [why, token] of tokens) {
      const res = await standin.notify(fixture('notification-incoming-call.json'), { token });
      expect(res.status, why).toBe(401);
      expect(JSON.parse(res.body), why).toMatchObject({ error: 'unauthorized' });
    }
    expect(handler.incomingCalls.length).toBe(before.incoming);
    expect(handler.resumeAsked).not.toContain('57DAB8B1894C409AB240BD8BEAE78896');
    expect(standin.requests.length).toBe(before.requests);
  });

  it('a malformed notification → 400 naming the field; a body that is not JSON → 400', async () => {
    const bad = fixture<{ value: Record<string, unknown>[] }>('notification-incoming-call.json');
    bad.value[0]!.changeType = 'exploded';
    const res = await standin.notify(bad);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'bad-request', field: 'value.0.changeType' });
    expect(JSON.parse(res.body).message).toMatch(/value\.0\.changeType/);

    const noValue = await standin.notify({ '@odata.type': '#microsoft.graph.commsNotifications' });
    expect(JSON.parse(noValue.body)).toMatchObject({ field: 'value' });

    const garbage = await standin.notify('{"value": [');
    expect(garbage.status).toBe(400);
  });

  it('a notification for a call nobody knows → the handler is asked to resume it → 404, nothing sent to Graph', async () => {
    const before = standin.requests.length;
    const res = await standin.notify({
      value: [
        {
          changeType: 'updated',
          resourceUrl: '/communications/calls/no-such-call',
          resourceData: {
            '@odata.type': '#microsoft.graph.call',
            state: 'established',
            toneInfo: { sequenceId: 1, tone: 'tone1' },
          },
        },
      ],
    });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'unknown-call' });
    expect(JSON.parse(res.body).message).toContain('no-such-call');
    expect(handler.resumeAsked).toContain('no-such-call');
    expect(standin.requests.length).toBe(before);
  });

  it('the runtime restarts while the welcome plays → its completion reaches the resumed call as PROMPT_DONE → the menu plays', async () => {
    standin.opts.promptMs = 'manual';
    const callId = newCallId();
    await standin.ring(callId);
    await standin.waitForRequest(`/communications/calls/${callId}/playPrompt`);
    const [welcome] = standin.runningOperations(callId);

    handler.restart();
    parley.boot();
    expect(parley.adapter.liveCallIds).toEqual([]);

    expect((await standin.complete(callId, welcome!.id)).status).toBe(202);
    expect(handler.resumeAsked).toContain(callId);
    const menu = await standin.waitForRequest(`/communications/calls/${callId}/playPrompt`, 2);
    expect((menu.body as PlayPromptBody).prompts[0]!.mediaInfo.uri).not.toBe(
      playPrompts(callId)[0]!.prompts[0]!.mediaInfo.uri,
    );
    const types = handler.recordsOf(callId).map((r) => `${r.type}${r.nodeId ? `@${r.nodeId}` : ''}`);
    expect(types).toContain('call.resumed@welcome');
    expect(types.slice(types.indexOf('call.resumed@welcome'))).toEqual(
      expect.arrayContaining(['node.left@welcome', 'node.entered@mainMenu', 'prompt.played@mainMenu']),
    );

    await standin.hangUp(callId);
    await expect(handler.sessions.get(callId)!.ended()).resolves.toBe('caller');
  });
});
