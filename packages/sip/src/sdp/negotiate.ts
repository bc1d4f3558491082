import { randomInt } from 'node:crypto';
import { type AudioSection, buildSdp, type Origin, type RejectedSection } from './build.js';
import { type Codec, type G711, g711Payload, isG711 } from './codecs.js';
import { type AudioDescription, type Direction, describeSession, type SdesCrypto } from './describe.js';
import type { LocalAudio } from './local.js';
import { formatCrypto, pickCrypto } from './srtp.js';

/** An accepted offer: the answer to send and what the media layer needs to start RTP. */
export interface AcceptedOffer {
  ok: true;
  sdp: string;
  /** The codec both sides use: the offerer's first G.711 we support. */
  codec: Codec;
  /** RFC 4733 events with the offerer's payload type, when offered. */
  telephoneEvent?: { payload: number; rate: number };
  /** Our direction in the answer. */
  direction: Direction;
  /** The offerer's stream: RTP address, port, its own direction, SRTP lines. */
  remote: AudioDescription;
  /** When the answer is SRTP: the offerer's crypto line we picked and ours. */
  srtp?: { remote: SdesCrypto; local: string };
}

/** A refused offer: answer the INVITE (or re-INVITE) with `status`. */
export interface RefusedOffer {
  ok: false;
  status: 488;
  reason: string;
}

/** The two outcomes of answering an offer. */
export type OfferOutcome = AcceptedOffer | RefusedOffer;

/** A new o= line: username `parley`, random session id, version 1 (the caller bumps it on changes). */
export function newOrigin(): Origin {
  return { username: 'parley', sessionId: String(randomInt(1, 2 ** 47)), version: 1 };
}

/**
 * Answers an offer per RFC 3264 §6: the first audio stream gets the offerer's first G.711 codec we support
 * plus telephone-event at the offerer's payload type, our address/port, ptime and the mirrored direction;
 * every other m= line is declined with port 0. No usable audio → 488.
 */
export function answerOffer(offerSdp: string, local: LocalAudio, origin: Origin = newOrigin()): OfferOutcome {
  let offer: ReturnType<typeof describeSession>;
  try {
    offer = describeSession(offerSdp);
  } catch {
    return refuse('the offer is not valid SDP');
  }
  const audio = offer.audio;
  if (!audio) return refuse('no audio stream offered');
  const accepted = local.codecs ?? ['PCMU', 'PCMA'];
  const codec = audio.codecs.find((c) => isG711(c) && accepted.includes(c.name.toUpperCase() as G711));
  if (!codec) return refuse('no G.711 codec offered');
  const event = audio.telephoneEvent?.rate === 8000 ? audio.telephoneEvent : undefined;

  let crypto: { remote: SdesCrypto; local: string } | undefined;
  if (audio.srtp) {
    if (!local.srtp) return refuse('SRTP offered but not enabled here');
    const picked = pickCrypto(audio.crypto);
    if (!picked) return refuse('no supported SRTP crypto suite offered');
    crypto = { remote: picked, local: formatCrypto(picked.tag, picked.suite, local.srtp.keySalt) };
  }
  const direction = intersect(mirror(audio.direction), local.direction ?? 'sendrecv');
  const section: AudioSection = {
    port: local.port,
    protocol: audio.protocol,
    codecs: [codec],
    ptime: local.ptime ?? 20,
    direction,
  };
  if (event) section.telephoneEvent = event;
  if (crypto) section.crypto = crypto.local;
  const sections = offer.media.map((m, i): AudioSection | RejectedSection =>
    i === audio.index ? section : { rejected: { type: m.type, protocol: m.protocol, payloads: m.payloads } },
  );
  const result: AcceptedOffer = {
    ok: true,
    sdp: buildSdp(origin, local.address, sections),
    codec,
    direction,
    remote: audio,
  };
  if (event) result.telephoneEvent = event;
  if (crypto) result.srtp = crypto;
  return result;
}

/** Makes an offer (for an outgoing leg or a hold/resume re-INVITE): G.711 codecs, telephone-event, ptime. */
export function createOffer(local: LocalAudio, origin: Origin = newOrigin()): string {
  const codecs = (local.codecs ?? ['PCMU', 'PCMA']).map(
    (name): Codec => ({ payload: g711Payload[name], name, rate: 8000 }),
  );
  const section: AudioSection = {
    port: local.port,
    protocol: local.srtp ? 'RTP/SAVP' : 'RTP/AVP',
    codecs,
    telephoneEvent: { payload: local.telephoneEventPayload ?? 101, rate: 8000 },
    ptime: local.ptime ?? 20,
    direction: local.direction ?? 'sendrecv',
  };
  if (local.srtp)
    section.crypto = formatCrypto(1, local.srtp.suite ?? 'AES_CM_128_HMAC_SHA1_80', local.srtp.keySalt);
  return buildSdp(origin, local.address, [section]);
}

/** Reads the answer to our offer: the codec the answerer chose must be one we offered. */
export function readAnswer(answerSdp: string, offered: LocalAudio): OfferOutcome {
  let answer: ReturnType<typeof describeSession>;
  try {
    answer = describeSession(answerSdp);
  } catch {
    return refuse('the answer is not valid SDP');
  }
  const audio = answer.audio;
  const ours = offered.codecs ?? ['PCMU', 'PCMA'];
  const codec = audio?.codecs.find((c) => isG711(c) && ours.includes(c.name.toUpperCase() as G711));
  if (!audio || !codec) return refuse('the answer has no G.711 audio');
  const result: AcceptedOffer = {
    ok: true,
    sdp: answerSdp,
    codec,
    direction: offered.direction ?? 'sendrecv',
    remote: audio,
  };
  if (audio.telephoneEvent) result.telephoneEvent = audio.telephoneEvent;
  return result;
}

/** The direction an answerer takes to an offered one (RFC 3264 §6.1). */
export function mirror(offered: Direction): Direction {
  if (offered === 'sendonly') return 'recvonly';
  if (offered === 'recvonly') return 'sendonly';
  return offered;
}

function intersect(a: Direction, b: Direction): Direction {
  const send = canSend(a) && canSend(b);
  const recv = canReceive(a) && canReceive(b);
  if (send && recv) return 'sendrecv';
  if (send) return 'sendonly';
  if (recv) return 'recvonly';
  return 'inactive';
}

function canSend(d: Direction): boolean {
  return d === 'sendrecv' || d === 'sendonly';
}

function canReceive(d: Direction): boolean {
  return d === 'sendrecv' || d === 'recvonly';
}

function refuse(reason: string): RefusedOffer {
  return { ok: false, status: 488, reason };
}
