import { isIPv6 } from 'node:net';
import type { Codec } from './codecs.js';
import type { Direction } from './describe.js';

/** The o= line fields Parley controls (RFC 4566 §5.2; the version rises with every change, RFC 3264 §8). */
export interface Origin {
  username: string;
  sessionId: string;
  version: number;
}

/** One audio m= section to write. */
export interface AudioSection {
  port: number;
  protocol: string;
  codecs: Codec[];
  telephoneEvent?: { payload: number; rate: number };
  ptime: number;
  direction: Direction;
  crypto?: string;
}

/** An m= line that is declined in an answer (port 0, the offer's formats kept, RFC 3264 §6). */
export interface RejectedSection {
  rejected: { type: string; protocol: string; payloads: string };
}

/** Writes a session description with one connection address and the given media sections. */
export function buildSdp(
  origin: Origin,
  address: string,
  sections: (AudioSection | RejectedSection)[],
): string {
  const ip = isIPv6(address) ? 'IP6' : 'IP4';
  const lines = [
    'v=0',
    `o=${origin.username} ${origin.sessionId} ${origin.version} IN ${ip} ${address}`,
    `s=${origin.username}`,
    `c=IN ${ip} ${address}`,
    't=0 0',
  ];
  for (const section of sections) {
    if ('rejected' in section) {
      const { type, protocol, payloads } = section.rejected;
      lines.push(`m=${type} 0 ${protocol} ${payloads}`.trimEnd());
      continue;
    }
    const formats = [...section.codecs];
    if (section.telephoneEvent) {
      formats.push({
        payload: section.telephoneEvent.payload,
        name: 'telephone-event',
        rate: section.telephoneEvent.rate,
      });
    }
    lines.push(`m=audio ${section.port} ${section.protocol} ${formats.map((f) => f.payload).join(' ')}`);
    for (const f of formats) lines.push(`a=rtpmap:${f.payload} ${f.name}/${f.rate}`);
    if (section.telephoneEvent) lines.push(`a=fmtp:${section.telephoneEvent.payload} 0-16`);
    lines.push(`a=ptime:${section.ptime}`);
    if (section.crypto) lines.push(`a=crypto:${section.crypto}`);
    lines.push(`a=${section.direction}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
