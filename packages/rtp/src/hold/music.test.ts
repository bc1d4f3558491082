import { describe, expect, it } from 'vitest';
import { decodeG711 } from '../g711/codec';
import { musicOnHold, musicOnHoldSeconds } from './music';

const dbfs = (value: number) => 20 * Math.log10(value / 32768);

function peak(samples: Int16Array): number {
  let loudest = 0;
  for (const s of samples) loudest = Math.max(loudest, Math.abs(s));
  return loudest;
}

function rms(samples: Int16Array): number {
  let energy = 0;
  for (const s of samples) energy += s * s;
  return Math.sqrt(energy / samples.length);
}

describe('music on hold', () => {
  it('a caller waiting in a queue hears a 24 s loop, a whole number of 20 ms packets, in either codec', () => {
    for (const codec of ['PCMU', 'PCMA'] as const) {
      const loop = musicOnHold(codec);
      expect(musicOnHoldSeconds).toBeGreaterThanOrEqual(20);
      expect(musicOnHoldSeconds).toBeLessThanOrEqual(30);
      expect(loop).toHaveLength(musicOnHoldSeconds * 8000);
      expect(loop.length % 160).toBe(0);
      expect(musicOnHold(codec)).toBe(loop); // synthesized once
    }
  });

  it('is soft: about −20 dBFS, never near clipping, and never silent for long', () => {
    for (const codec of ['PCMU', 'PCMA'] as const) {
      const pcm = decodeG711(musicOnHold(codec), codec);
      expect(dbfs(rms(pcm))).toBeGreaterThan(-22);
      expect(dbfs(rms(pcm))).toBeLessThan(-18);
      expect(dbfs(peak(pcm))).toBeLessThan(-6);
      // Every second has music in it: no gap that sounds like the call dropped.
      for (let second = 0; second < musicOnHoldSeconds; second++) {
        expect(
          dbfs(rms(pcm.subarray(second * 8000, (second + 1) * 8000))),
          `second ${second}`,
        ).toBeGreaterThan(-32);
      }
    }
  });

  it('loops without a click: the step from the last sample to the first is like any other step', () => {
    const pcm = decodeG711(musicOnHold('PCMU'), 'PCMU');
    const steps = pcm.slice(1).map((s, i) => Math.abs(s - (pcm[i] as number)));
    const typical = [...steps].sort((a, b) => a - b)[Math.floor(steps.length * 0.99)] as number;
    const seam = Math.abs((pcm[0] as number) - (pcm[pcm.length - 1] as number));
    expect(seam).toBeLessThanOrEqual(typical);
    // The level just before the loop point matches the level just after it.
    const before = rms(pcm.subarray(pcm.length - 800));
    const after = rms(pcm.subarray(0, 800));
    expect(Math.abs(dbfs(before) - dbfs(after))).toBeLessThan(3);
  });

  it('A-law and μ-law carry the same music', () => {
    const ulaw = decodeG711(musicOnHold('PCMU'), 'PCMU');
    const alaw = decodeG711(musicOnHold('PCMA'), 'PCMA');
    let difference = 0;
    for (let i = 0; i < ulaw.length; i++) difference += ((ulaw[i] as number) - (alaw[i] as number)) ** 2;
    // Only quantization differs: far below the music itself.
    expect(dbfs(Math.sqrt(difference / ulaw.length))).toBeLessThan(-45);
  });
});
