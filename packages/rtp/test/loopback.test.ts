import { createSocket, type Socket } from 'node:dgram';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeG711,
  encodeG711,
  espeakSynthesizer,
  g711Silence,
  parseRtpPacket,
  type RtpPacket,
  RtpSession,
  RtpSessionError,
  renderPromptG711,
} from '../src/index';
import { hasEspeak, skipWithout } from './tools';

/** The far end of the call in the test: a bare UDP socket that notes every packet and when it came. */
interface Capture {
  socket: Socket;
  port: number;
  packets: { packet: RtpPacket; at: number }[];
}

async function capture(): Promise<Capture> {
  const socket = createSocket('udp4');
  const packets: Capture['packets'] = [];
  socket.on('message', (datagram) =>
    packets.push({ packet: parseRtpPacket(datagram), at: performance.now() }),
  );
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port, packets };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0)) await thing.close();
});

async function session(options: Partial<Parameters<typeof RtpSession.open>[0]> = {}) {
  const rtp = await RtpSession.open({ codec: 'PCMU', bind: { address: '127.0.0.1' }, ...options });
  opened.push(rtp);
  return rtp;
}

async function far(): Promise<Capture> {
  const far = await capture();
  opened.push({ close: () => new Promise<void>((resolve) => far.socket.close(() => resolve())) });
  return far;
}

/** A tone prompt, for stories that are about timing rather than speech. */
const tone = (seconds: number) => Buffer.alloc(seconds * 8000, 0x9a);

describe.skipIf(skipWithout(hasEspeak))('a caller hears an espeak-ng prompt over RTP', () => {
  let prompt: Buffer;
  beforeAll(async () => {
    const wav = await espeakSynthesizer()({
      text: 'Thank you for calling Parley. Please hold.',
      language: 'en-US',
    });
    const rendered = renderPromptG711(wav, 'PCMU');
    prompt = Buffer.alloc(9600, g711Silence.PCMU); // exactly 1.2 s
    rendered.copy(prompt, 0, 0, 9600);
  });

  it('1.2 s prompt → 60 packets, in order, 20 ms apart, decoding back to 1.2 s of the same audio', async () => {
    const caller = await far();
    const rtp = await session({ remote: { address: '127.0.0.1', port: caller.port } });
    const result = await rtp.play(prompt);
    await sleep(40);

    expect(result).toEqual({ completed: true, packets: 60 });
    const packets = caller.packets.map((p) => p.packet);
    expect(Math.abs(packets.length - 60)).toBeLessThanOrEqual(1);
    packets.forEach((packet, i) => {
      const first = packets[0] as RtpPacket;
      expect(packet.sequence).toBe((first.sequence + i) & 0xffff);
      expect(packet.timestamp).toBe((first.timestamp + i * 160) >>> 0);
      expect(packet.marker).toBe(i === 0);
      expect(packet.payloadType).toBe(0);
      expect(packet.payload).toHaveLength(160);
    });
    const received = Buffer.concat(packets.map((p) => p.payload));
    expect(decodeG711(received, 'PCMU').length / 8000).toBe(1.2);
    expect(received.equals(prompt)).toBe(true);

    const gaps = caller.packets.slice(1).map((p, i) => p.at - (caller.packets[i]?.at as number));
    const meanDeviation = gaps.reduce((sum, gap) => sum + Math.abs(gap - 20), 0) / gaps.length;
    expect(meanDeviation).toBeLessThanOrEqual(5);
    expect(gaps.filter((gap) => gap < 5).length).toBeLessThanOrEqual(2);
  });
});

describe('playing prompts on a call', () => {
  it('presses a key during a prompt (barge-in) → sending stops within one packet', async () => {
    const caller = await far();
    const rtp = await session({ remote: { address: '127.0.0.1', port: caller.port } });
    const bargeIn = new AbortController();
    setTimeout(() => bargeIn.abort(), 300);
    const result = await rtp.play(tone(5), { signal: bargeIn.signal });
    const stoppedAt = performance.now();
    await sleep(80);
    expect(result.completed).toBe(false);
    expect(result.packets).toBeGreaterThanOrEqual(13);
    expect(result.packets).toBeLessThanOrEqual(17);
    expect(caller.packets.filter((p) => p.at > stoppedAt).length).toBeLessThanOrEqual(1);
    expect(caller.packets).toHaveLength(result.packets);
  });

  it('plays a second prompt after a pause → sequence continues, marker set, timestamp advanced by the pause', async () => {
    const caller = await far();
    const rtp = await session({ remote: { address: '127.0.0.1', port: caller.port } });
    await rtp.play(tone(0.2));
    await sleep(200);
    await rtp.play(tone(0.1).subarray(0, 700)); // not whole packets: the last one is padded with silence
    await sleep(40);
    const packets = caller.packets.map((p) => p.packet);
    expect(packets).toHaveLength(10 + 5);
    const [first, second] = [packets[9] as RtpPacket, packets[10] as RtpPacket];
    expect(second.sequence).toBe((first.sequence + 1) & 0xffff);
    expect(second.marker).toBe(true);
    const advanced = (second.timestamp - first.timestamp) >>> 0;
    expect(advanced % 160).toBe(0);
    expect(advanced).toBeGreaterThanOrEqual(160 * 10); // 20 ms + the 200 ms pause, in 8 kHz units
    expect(advanced).toBeLessThanOrEqual(160 * 13);
    expect(
      packets
        .at(-1)
        ?.payload.subarray(60)
        .every((b) => b === 0xff),
    ).toBe(true);
  });

  it('refuses to play over a prompt already playing, without a remote, or once closed', async () => {
    const caller = await far();
    const rtp = await session({ remote: { address: '127.0.0.1', port: caller.port } });
    const playing = rtp.play(tone(0.1));
    await expect(rtp.play(tone(0.1))).rejects.toMatchObject({ name: 'RtpSessionError', reason: 'busy' });
    await playing;
    const lonely = await session();
    await expect(lonely.play(tone(0.1))).rejects.toThrow(RtpSessionError);
    await rtp.close();
    await expect(rtp.play(tone(0.1))).rejects.toMatchObject({ reason: 'closed' });
  });

  it('answers an SBC behind NAT (symmetric RTP) → sends where its first packet came from', async () => {
    const sbc = await far();
    const rtp = await session({ symmetric: true, remote: { address: '127.0.0.1', port: 9 } });
    const learned = new Promise((resolve) => rtp.once('remote', resolve));
    const comfortNoise = Buffer.from('800d0001000000a000000001', 'hex'); // PT 13: not negotiated, not learned from
    sbc.socket.send(comfortNoise, rtp.local.port, '127.0.0.1');
    const hello = Buffer.concat([Buffer.from('80000001000000a000000001', 'hex'), Buffer.alloc(160, 0xff)]);
    sbc.socket.send(hello, rtp.local.port, '127.0.0.1');
    expect(await learned).toEqual({ address: '127.0.0.1', port: sbc.port });
    expect(rtp.stats).toMatchObject({ received: 1, ignored: 1 });
    await rtp.play(tone(0.06));
    await sleep(30);
    expect(sbc.packets).toHaveLength(3);
  });

  it('opens on the media port range → even ports, and says so when the range is used up', async () => {
    const range = { min: 47000 + 4 * Math.floor(Math.random() * 500), max: 0 };
    range.max = range.min + 3;
    const a = await session({ bind: { address: '127.0.0.1', portRange: range } });
    const b = await session({ bind: { address: '127.0.0.1', portRange: range } });
    expect([a.local.port, b.local.port].sort()).toEqual([range.min, range.min + 2]);
    await expect(session({ bind: { address: '127.0.0.1', portRange: range } })).rejects.toMatchObject({
      reason: 'ports-exhausted',
    });
  });
});

describe('key presses between two RTP sessions', () => {
  it('Parley dials 1 2 # towards an agent leg → the other side hears each key once', async () => {
    const agent = await session({ telephoneEventPayloadType: 101 });
    const parley = await session({ telephoneEventPayloadType: 101, remote: agent.local });
    const keys: string[] = [];
    agent.on('dtmf', (digit) => keys.push(`${digit.key}:${digit.durationMs}`));
    const result = await parley.sendDtmf('12#', { durationMs: 60, intervalMs: 20, gapMs: 40 });
    await sleep(30);
    expect(result).toEqual({ completed: true, packets: 3 * 6 });
    expect(keys).toEqual(['1:60', '2:60', '#:60']);
    await expect(parley.sendDtmf('x')).rejects.toMatchObject({
      name: 'RtpSessionError',
      reason: 'not-a-key',
    });
  });
});

describe('bridging a caller and an agent (B2BUA media relay)', () => {
  it('the caller speaks PCMA, the agent leg is PCMU → the agent hears every frame once, transcoded, in order, on our clock', async () => {
    const agentPhone = await far();
    const callerLeg = await session({ codec: 'PCMA' });
    const agentLeg = await session({
      codec: 'PCMU',
      remote: { address: '127.0.0.1', port: agentPhone.port },
    });
    callerLeg.on('audio', (packet) => agentLeg.relay(packet, 'PCMA'));
    const caller = await session({ codec: 'PCMA', remote: callerLeg.local });
    // 0.4 s of A-law silence (0xd5) from the caller: 20 packets.
    await caller.play(Buffer.alloc(3200, g711Silence.PCMA));
    await sleep(50);
    const got = agentPhone.packets.map((p) => p.packet);
    expect(got).toHaveLength(20);
    const transcoded = encodeG711(decodeG711(Buffer.alloc(160, g711Silence.PCMA), 'PCMA'), 'PCMU');
    for (const packet of got) {
      expect(packet.payloadType).toBe(0);
      expect(packet.payload).toEqual(transcoded);
    }
    expect(got[0]?.marker).toBe(true);
    for (let i = 1; i < got.length; i++) {
      expect(((got[i]?.sequence ?? 0) - (got[i - 1]?.sequence ?? 0)) & 0xffff).toBe(1);
      expect(((got[i]?.timestamp ?? 0) - (got[i - 1]?.timestamp ?? 0)) >>> 0).toBe(160);
    }
  });

  it('a prompt on the agent leg (a whisper) holds relayed audio back until it ends', async () => {
    const agentPhone = await far();
    const agentLeg = await session({ remote: { address: '127.0.0.1', port: agentPhone.port } });
    const whisper = agentLeg.play(tone(0.2));
    agentLeg.relay(
      {
        marker: true,
        payloadType: 0,
        sequence: 1,
        timestamp: 0,
        ssrc: 7,
        csrcs: [],
        payload: tone(0.02),
        padding: 0,
      },
      'PCMU',
    );
    await whisper;
    await sleep(30);
    expect(agentPhone.packets).toHaveLength(10);
  });
});

describe('a caller who puts Parley on hold', () => {
  it('muted halfway through a prompt → nothing is sent while held, and the prompt still ends on time', async () => {
    const phone = await far();
    const rtp = await session({ remote: { address: '127.0.0.1', port: phone.port } });
    const started = performance.now();
    const playing = rtp.play(tone(0.4));
    await sleep(190);
    rtp.muted = true;
    const result = await playing;
    const elapsed = performance.now() - started;
    await sleep(30);
    expect(result.completed).toBe(true);
    expect(elapsed).toBeGreaterThan(350);
    expect(phone.packets.length).toBeGreaterThanOrEqual(8);
    expect(phone.packets.length).toBeLessThanOrEqual(12);
    const sequences = phone.packets.map((p) => p.packet.sequence);
    expect(new Set(sequences).size).toBe(sequences.length);
  });
});
