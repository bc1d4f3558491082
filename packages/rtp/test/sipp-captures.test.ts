import { describe, expect, it } from 'vitest';
import { type DtmfDigit, DtmfReceiver, parseRtpPacket, VoicemailRecorder } from '../src/index';
import { readUdpFromPcap } from './pcap';
import { hasSippPcaps, sippPcaps, skipWithout } from './tools';

const captures: [file: string, key: string][] = [
  ...Array.from({ length: 10 }, (_, digit): [string, string] => [`dtmf_2833_${digit}.pcap`, String(digit)]),
  ['dtmf_2833_star.pcap', '*'],
  ['dtmf_2833_pound.pcap', '#'],
];

describe.skipIf(skipWithout(hasSippPcaps))("sipp's RTP captures", () => {
  it.each(captures)('%s: a caller presses %s → the key comes out once', (file, key) => {
    const datagrams = readUdpFromPcap(`${sippPcaps}/${file}`);
    expect(datagrams).toHaveLength(10); // start, six updates, the end packet three times
    const receiver = new DtmfReceiver();
    const digits: DtmfDigit[] = [];
    receiver.on('dtmf', (digit) => digits.push(digit));
    for (const { payload } of datagrams) {
      const packet = parseRtpPacket(payload);
      expect(packet.payloadType).toBe(101);
      receiver.push(packet);
    }
    receiver.flush();
    expect(digits).toEqual([expect.objectContaining({ key, durationMs: 280, endedBy: 'end-packet' })]);
  });

  it('all twelve captures played one after another → 0-9, *, # in order, once each', () => {
    const receiver = new DtmfReceiver();
    const keys: string[] = [];
    receiver.on('dtmf', (digit) => keys.push(digit.key));
    for (const [file] of captures) {
      for (const { payload } of readUdpFromPcap(`${sippPcaps}/${file}`))
        receiver.push(parseRtpPacket(payload));
    }
    expect(keys.join('')).toBe('0123456789*#');
  });

  it('g711a.pcap (30 ms A-law packets) recorded as a voicemail → 7.08 s of 8 kHz WAV', () => {
    const recorder = new VoicemailRecorder({ codec: 'PCMA', silenceSeconds: 60 });
    const datagrams = readUdpFromPcap(`${sippPcaps}/g711a.pcap`);
    for (const { payload } of datagrams) recorder.pushAudio(parseRtpPacket(payload));
    const recording = recorder.finish('stopped');
    expect(datagrams).toHaveLength(236);
    expect(recording.durationMs).toBe(7080);
    expect(recording.wav.readUInt32LE(24)).toBe(8000);
  });
});
