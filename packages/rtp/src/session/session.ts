import { randomInt } from 'node:crypto';
import type { RemoteInfo, Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { isDtmfKey } from '../dtmf/events';
import { type DtmfDigit, type DtmfPress, DtmfReceiver, type DtmfReceiverOptions } from '../dtmf/receiver';
import { type KeyPressOptions, planKeySequence } from '../dtmf/sender';
import { RtpParseError, RtpSessionError, SrtpError } from '../errors';
import { decodeG711, encodeG711, type G711, g711PayloadType, g711Silence } from '../g711/codec';
import { isRtcp, parseRtpPacket, type RtpPacket, serializeRtpPacket } from '../packet/packet';
import { SrtpContext } from '../srtp/context';
import type { SrtpSuite } from '../srtp/suite';
import { pace } from './pacer';
import { bindRtpSocket, type RtpBindOptions } from './socket';

/** A transport address: where RTP goes or comes from. */
export interface RtpAddress {
  address: string;
  port: number;
}

/** SDES keys of an `RTP/SAVP` call (RFC 4568): ours from our `a=crypto` line, the far end's from its line. */
export interface RtpSrtpOptions {
  /** The suite of the accepted `a=crypto` line; both directions use it. */
  suite: SrtpSuite;
  /** Our 30-byte master key and salt: what we put in our answer or offer, protects what we send. */
  localKeySalt: Buffer;
  /** The far end's 30-byte master key and salt from its `inline:` key-param: unprotects what we receive. */
  remoteKeySalt: Buffer;
}

/** What an `RtpSession` needs from the negotiated SDP, plus where to listen. */
export interface RtpSessionOptions {
  codec: G711;
  /** The codec's payload type as negotiated (default its static type, 0 or 8). */
  payloadType?: number;
  /** The telephone-event payload type (RFC 4733) as negotiated; without it DTMF is neither sent nor read. */
  telephoneEventPayloadType?: number;
  /** The remote RTP address from the SDP (c= and m= lines). */
  remote?: RtpAddress;
  /** Symmetric RTP: send to where the first valid packet came from (an SBC behind NAT), not the SDP address. */
  symmetric?: boolean;
  bind?: RtpBindOptions;
  /** Our SSRC (default random). */
  ssrc?: number;
  dtmf?: DtmfReceiverOptions;
  /** Secure RTP (RFC 3711) with SDES keys; without it the stream is plain RTP. */
  srtp?: RtpSrtpOptions;
}

/** Events of an `RtpSession`. */
export interface RtpSessionEvents {
  /** A packet of the negotiated G.711 codec arrived. */
  audio: [RtpPacket];
  /** A key press began: stop the prompt now (barge-in). */
  'dtmf-start': [DtmfPress];
  /** A key press ended: counted once. */
  dtmf: [DtmfDigit];
  /** Symmetric RTP learned (or re-learned) where to send. */
  remote: [RtpAddress];
  /** A datagram could not be sent; the stream keeps going (UDP loss is normal). */
  'send-error': [Error];
}

/** Counters for call quality logs. */
export interface RtpStats {
  sent: number;
  received: number;
  /** Datagrams that were not RTP (or RTCP) at all. */
  malformed: number;
  /** RTP with a payload type that was not negotiated (comfort noise, stray streams). */
  ignored: number;
  sendErrors: number;
  /** SRTP datagrams dropped unread: failed authentication (wrong key, damage, forgery), replayed, cut short. */
  srtpFailures: number;
}

/** How a `play` or `sendDtmf` ended: every packet sent, or stopped (barge-in) after `packets`. */
export interface PlayResult {
  completed: boolean;
  packets: number;
}

interface SrtpContexts {
  outbound: SrtpContext;
  inbound: SrtpContext;
}

/** 20 ms of 8 kHz G.711: one packet. */
export const samplesPerPacket = 160;
const packetMs = 20;
const unitsPerMs = 8;

/**
 * One call leg's RTP stream over UDP: plays G.711 prompts as 20 ms packets on a drift-free clock, reads the
 * caller's audio and RFC 4733 key presses. Sequence numbers continue across prompts; timestamps follow the
 * 8 kHz media clock, so a pause between prompts advances them by the pause (RFC 3550 §5.1) and the first
 * packet of each prompt carries the marker bit.
 */
export class RtpSession extends EventEmitter<RtpSessionEvents> {
  /** Counters since the session opened. */
  readonly stats: RtpStats = {
    sent: 0,
    received: 0,
    malformed: 0,
    ignored: 0,
    sendErrors: 0,
    srtpFailures: 0,
  };
  private readonly dtmfReceiver: DtmfReceiver;
  private readonly payloadType: number;
  private readonly silenceByte: number;
  private readonly ssrc: number;
  private sequence = randomInt(0x10000);
  /** The timestamp and time of the last packet sent: where the media clock stands. */
  private clock: { timestamp: number; at: number } | undefined;
  private remoteAddress: RtpAddress | undefined;
  private latched = false;
  private transmitting: AbortController | undefined;
  /** Bridged audio: our timestamp minus the other leg's, fixed at each talk-spurt it starts. */
  private relayOffset: number | undefined;
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    private readonly options: RtpSessionOptions,
    /** With SRTP: protects what we send (our key) and unprotects what we receive (the far end's). */
    private readonly srtp: SrtpContexts | undefined,
  ) {
    super();
    this.payloadType = options.payloadType ?? g711PayloadType[options.codec];
    this.silenceByte = g711Silence[options.codec];
    this.ssrc = (options.ssrc ?? randomInt(2 ** 32 - 1)) >>> 0;
    this.remoteAddress = options.remote;
    this.dtmfReceiver = new DtmfReceiver(options.dtmf);
    this.dtmfReceiver.on('dtmf-start', (press) => this.emit('dtmf-start', press));
    this.dtmfReceiver.on('dtmf', (digit) => this.emit('dtmf', digit));
    socket.on('message', (datagram, from) => this.receive(datagram, from));
  }

  /**
   * Binds the local socket and returns a session ready to play and receive. Throws `RangeError` before
   * binding when an SRTP key and salt is not 30 bytes.
   */
  static async open(options: RtpSessionOptions): Promise<RtpSession> {
    const srtp = options.srtp && {
      outbound: new SrtpContext(options.srtp.suite, options.srtp.localKeySalt),
      inbound: new SrtpContext(options.srtp.suite, options.srtp.remoteKeySalt),
    };
    return new RtpSession(await bindRtpSocket(options.bind), options, srtp);
  }

  /** The local address and port to put in our SDP. */
  get local(): RtpAddress {
    const { address, port } = this.socket.address();
    return { address, port };
  }

  /** Where packets go: the SDP address, or the learned one with symmetric RTP. */
  get remote(): RtpAddress | undefined {
    return this.remoteAddress;
  }

  /**
   * Held by the other side (SDP `sendonly`/`inactive` toward us): prompts keep their time but no packet
   * leaves, so a prompt ends when it would have and the stream resumes on the media clock.
   */
  muted = false;

  /** Whether a prompt or key press is being sent. */
  get playing(): boolean {
    return this.transmitting !== undefined;
  }

  /** Points the stream at a new remote (re-INVITE, UPDATE); symmetric RTP learns again from the next packet. */
  setRemote(remote: RtpAddress): void {
    this.remoteAddress = remote;
    this.latched = false;
  }

  /**
   * Sends G.711 bytes as 160-byte packets every 20 ms (the last padded with silence). Resolves after the last
   * packet, or as soon as `signal` aborts or `stop()` is called. Throws `RtpSessionError` if something else
   * is playing, no remote is known, or the session is closed.
   */
  async play(payload: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<PlayResult> {
    const packets = Math.ceil(payload.length / samplesPerPacket);
    return this.transmit(options.signal, async (signal) => {
      let spurt = 0;
      const result = await pace(
        packets,
        (i) => i * packetMs,
        (i) => {
          const now = performance.now();
          if (i === 0) {
            spurt = this.nextSpurtTimestamp(now);
            this.relayOffset = undefined;
          }
          const timestamp = (spurt + i * samplesPerPacket) >>> 0;
          this.send(i === 0, this.payloadType, timestamp, this.audioPacket(payload, i));
          this.clock = { timestamp, at: now };
        },
        { signal },
      );
      return { completed: !result.aborted, packets: result.ticks };
    });
  }

  /**
   * Sends key presses as RFC 4733 events (for DTMF towards an agent or a remote IVR), `gapMs` apart.
   * Throws `RtpSessionError` without a negotiated telephone-event payload type or for a character that is no key.
   */
  async sendDtmf(
    keys: string,
    options: KeyPressOptions & { gapMs?: number; signal?: AbortSignal } = {},
  ): Promise<PlayResult> {
    const eventPayloadType = this.options.telephoneEventPayloadType;
    if (eventPayloadType === undefined) {
      throw new RtpSessionError('no-telephone-event', 'no telephone-event payload type was negotiated');
    }
    const presses = [...keys].map((key) => {
      if (!isDtmfKey(key))
        throw new RtpSessionError('not-a-key', `"${key}" is not a DTMF key (0-9, *, #, A-D)`);
      return key;
    });
    const plan = planKeySequence(presses, options);
    return this.transmit(options.signal, async (signal) => {
      let eventTimestamp = 0;
      const result = await pace(
        plan.length,
        (i) => plan[i]?.atMs ?? 0,
        (i) => {
          const packet = plan[i];
          if (!packet) return;
          const now = performance.now();
          if (packet.marker) {
            eventTimestamp = this.nextSpurtTimestamp(now);
            this.clock = { timestamp: eventTimestamp, at: now };
          }
          this.send(packet.marker, eventPayloadType, eventTimestamp, packet.payload);
        },
        { signal },
      );
      return { completed: !result.aborted, packets: result.ticks };
    });
  }

  /**
   * Sends one audio packet of the other leg of a bridge (B2BUA media relay) under this stream's sequence
   * numbers and SSRC. The other leg's timing is kept: its timestamps are shifted onto our media clock, and
   * its marker (or the first packet) starts a new talk-spurt. A packet in the other codec is transcoded.
   * Dropped while a prompt or key press is being sent, or with no remote yet.
   */
  relay(packet: RtpPacket, codec: G711): void {
    if (this.closed || this.transmitting || !this.remoteAddress) return;
    const now = performance.now();
    if (packet.marker || this.relayOffset === undefined)
      this.relayOffset = (this.nextSpurtTimestamp(now) - packet.timestamp) >>> 0;
    const timestamp = (packet.timestamp + this.relayOffset) >>> 0;
    const payload =
      codec === this.options.codec
        ? packet.payload
        : encodeG711(decodeG711(packet.payload, codec), this.options.codec);
    this.send(packet.marker, this.payloadType, timestamp, payload);
    this.clock = { timestamp, at: now };
  }

  /** Stops whatever is being sent (barge-in); the pending `play` resolves with `completed: false`. */
  stop(): void {
    this.transmitting?.abort();
  }

  /** Stops sending, forgets key presses in progress and closes the socket. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stop();
    this.dtmfReceiver.close();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private async transmit(
    signal: AbortSignal | undefined,
    run: (signal: AbortSignal) => Promise<PlayResult>,
  ): Promise<PlayResult> {
    if (this.closed) throw new RtpSessionError('closed', 'the RTP session is closed');
    if (this.transmitting) throw new RtpSessionError('busy', 'a prompt or key press is already being sent');
    if (!this.remoteAddress) throw new RtpSessionError('no-remote', 'no remote RTP address known yet');
    const controller = new AbortController();
    this.transmitting = controller;
    try {
      return await run(signal ? AbortSignal.any([signal, controller.signal]) : controller.signal);
    } finally {
      this.transmitting = undefined;
    }
  }

  /** The timestamp that starts a talk-spurt now: the media clock advanced by the time since the last packet. */
  private nextSpurtTimestamp(now: number): number {
    if (!this.clock) return randomInt(2 ** 32 - 1);
    const periods = Math.max(1, Math.round((now - this.clock.at) / packetMs));
    return (this.clock.timestamp + periods * packetMs * unitsPerMs) >>> 0;
  }

  private audioPacket(payload: Uint8Array, index: number): Buffer {
    const start = index * samplesPerPacket;
    const chunk = Buffer.from(
      payload.buffer,
      payload.byteOffset + start,
      Math.min(samplesPerPacket, payload.length - start),
    );
    if (chunk.length === samplesPerPacket) return chunk;
    const padded = Buffer.alloc(samplesPerPacket, this.silenceByte);
    chunk.copy(padded);
    return padded;
  }

  private send(marker: boolean, payloadType: number, timestamp: number, payload: Buffer): void {
    const remote = this.remoteAddress;
    if (!remote || this.muted) return;
    const packet = serializeRtpPacket({
      marker,
      payloadType,
      sequence: this.sequence,
      timestamp,
      ssrc: this.ssrc,
      csrcs: [],
      payload,
      padding: 0,
    });
    const datagram = this.srtp ? this.srtp.outbound.protect(packet) : packet;
    this.sequence = (this.sequence + 1) & 0xffff;
    this.socket.send(datagram, remote.port, remote.address, (error) => {
      if (!error) return;
      this.stats.sendErrors++;
      this.emit('send-error', error);
    });
    this.stats.sent++;
  }

  private receive(datagram: Buffer, from: RemoteInfo): void {
    // RTCP is ignored; with SRTP a muxed datagram of these types is SRTCP, ignored just the same.
    if (isRtcp(datagram)) return;
    let rtp = datagram;
    if (this.srtp) {
      try {
        rtp = this.srtp.inbound.unprotect(datagram);
      } catch (error) {
        if (!(error instanceof SrtpError)) throw error;
        this.stats.srtpFailures++;
        return;
      }
    }
    let packet: RtpPacket;
    try {
      packet = parseRtpPacket(rtp);
    } catch (error) {
      if (!(error instanceof RtpParseError)) throw error;
      this.stats.malformed++;
      return;
    }
    const isAudio = packet.payloadType === this.payloadType;
    const isEvent = packet.payloadType === this.options.telephoneEventPayloadType;
    if (!isAudio && !isEvent) {
      this.stats.ignored++;
      return;
    }
    this.stats.received++;
    if (this.options.symmetric && !this.latched) {
      this.latched = true;
      const learned = { address: from.address, port: from.port };
      const changed =
        learned.address !== this.remoteAddress?.address || learned.port !== this.remoteAddress.port;
      this.remoteAddress = learned;
      if (changed) this.emit('remote', learned);
    }
    if (isAudio) this.emit('audio', packet);
    else this.dtmfReceiver.push(packet);
  }
}
