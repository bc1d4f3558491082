import { randomUUID } from 'node:crypto';
import type { TelephonyPort } from '@parley/call-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, ParleyUnderTest, supportLine, TENANT_ID, TestCallHandler } from './harness';
import { GraphStandin } from './standin';

interface PlayPromptBody {
  clientContext: string;
  prompts: { mediaInfo: { uri: string } }[];
}

/** The port's media commands, driven directly (no flow) against the stand-in. */
describe('Graph call port: hold, stop, keepAlive', () => {
  const standin = new GraphStandin({ appId: APP_ID, appSecret: 'standin-secret', tenantId: TENANT_ID });
  const handler = new TestCallHandler(supportLine);
  const parley = new ParleyUnderTest(standin, handler);

  beforeAll(async () => {
    handler.manual = true;
    await standin.start();
    await parley.start();
    parley.boot({ keepAliveMs: 100 });
  });

  afterAll(async () => {
    await parley.stop();
    await standin.stop();
  });

  async function establishedCall(): Promise<{ callId: string; port: TelephonyPort }> {
    const callId = randomUUID();
    await standin.ring(callId);
    const port = handler.ports.get(callId)!;
    await port.answer();
    await standin.waitForRequest(`/communications/calls/${callId}/subscribeToTone`);
    return { callId, port };
  }
  const events = (callId: string) =>
    handler.events.filter((e) => e.callId === callId).map((e) => e.event.type);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('a caller on hold hears the hold prompt again each time it ends, until the next prompt replaces it', async () => {
    standin.opts.promptMs = 30;
    const { callId, port } = await establishedCall();
    await port.hold({ kind: 'tts', text: 'Please hold.' });
    const third = await standin.waitForRequest(`/communications/calls/${callId}/playPrompt`, 3);
    const holds = standin
      .requestsTo(`/communications/calls/${callId}/playPrompt`)
      .map((r) => r.body as PlayPromptBody);
    expect(new Set(holds.map((h) => h.prompts[0]!.mediaInfo.uri)).size).toBe(1);
    expect((third.body as PlayPromptBody).clientContext).toMatch(
      /^parley\|hold\|\/prompts\/[0-9a-f]{64}\.wav$/,
    );

    await port.play({ kind: 'tts', text: 'An agent is free.' }, { bargeIn: true });
    const paths = standin.requests.map((r) => r.path);
    // The hold is cancelled before the prompt, and its cancellation does not restart it.
    expect(paths.lastIndexOf(`/v1.0/communications/calls/${callId}/cancelMediaProcessing`)).toBeLessThan(
      paths.lastIndexOf(`/v1.0/communications/calls/${callId}/playPrompt`),
    );
    await sleep(150);
    const last = standin.requestsTo(`/communications/calls/${callId}/playPrompt`).at(-1)!
      .body as PlayPromptBody;
    expect(last.clientContext).toMatch(/^parley\|play\|/);
    // Holds never end a prompt the flow waits for; the one real prompt did.
    expect(events(callId)).toEqual(['PROMPT_DONE']);
    await standin.hangUp(callId);
  });

  it('stopPlayback cancels the prompt: no PROMPT_DONE for it', async () => {
    standin.opts.promptMs = 'manual';
    const { callId, port } = await establishedCall();
    await port.play({ kind: 'tts', text: 'A long announcement.' }, { bargeIn: true });
    await port.stopPlayback();
    await standin.waitForRequest(`/communications/calls/${callId}/cancelMediaProcessing`);
    await sleep(50);
    expect(events(callId)).toEqual([]);
    await standin.hangUp(callId);
    expect(events(callId)).toEqual(['HANGUP']);
  });

  it('an established call gets a keepAlive every interval, and none after it ended', async () => {
    const { callId } = await establishedCall();
    await standin.waitForRequest(`/communications/calls/${callId}/keepAlive`, 2, 2_000);
    await standin.hangUp(callId);
    const sent = standin.requestsTo(`/communications/calls/${callId}/keepAlive`).length;
    await sleep(250);
    expect(standin.requestsTo(`/communications/calls/${callId}/keepAlive`).length).toBe(sent);
  });
});
