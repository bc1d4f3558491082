import { readFileSync } from 'node:fs';

/** One UDP datagram out of a capture file. */
export interface CapturedDatagram {
  seconds: number;
  source: string;
  destination: string;
  payload: Buffer;
}

/**
 * Reads the UDP datagrams of a classic libpcap file (microsecond or nanosecond, either byte order) with
 * Ethernet framing (VLAN tags skipped) and IPv4: enough for sipp's RTP captures.
 */
export function readUdpFromPcap(path: string): CapturedDatagram[] {
  const file = readFileSync(path);
  const magic = file.readUInt32LE(0);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!little && file.readUInt32BE(0) !== 0xa1b2c3d4 && file.readUInt32BE(0) !== 0xa1b23c4d) {
    throw new Error(`${path} is not a libpcap file`);
  }
  const u32 = (at: number) => (little ? file.readUInt32LE(at) : file.readUInt32BE(at));
  const fraction = magic === 0xa1b23c4d || file.readUInt32BE(0) === 0xa1b23c4d ? 1e9 : 1e6;
  if (u32(20) !== 1) throw new Error(`${path}: link type ${u32(20)}, only Ethernet (1) is read`);
  const datagrams: CapturedDatagram[] = [];
  for (let offset = 24; offset + 16 <= file.length; ) {
    const seconds = u32(offset) + u32(offset + 4) / fraction;
    const length = u32(offset + 8);
    const frame = file.subarray(offset + 16, offset + 16 + length);
    offset += 16 + length;
    let ip = 14;
    let etherType = frame.readUInt16BE(12);
    while (etherType === 0x8100 && ip + 4 <= frame.length) {
      etherType = frame.readUInt16BE(ip + 2);
      ip += 4;
    }
    if (etherType !== 0x0800 || frame[ip + 9] !== 17) continue;
    const headerLength = ((frame[ip] as number) & 0x0f) * 4;
    const udp = ip + headerLength;
    const udpLength = frame.readUInt16BE(udp + 4);
    const address = (at: number) => [...frame.subarray(at, at + 4)].join('.');
    datagrams.push({
      seconds,
      source: `${address(ip + 12)}:${frame.readUInt16BE(udp)}`,
      destination: `${address(ip + 16)}:${frame.readUInt16BE(udp + 2)}`,
      payload: frame.subarray(udp + 8, udp + udpLength),
    });
  }
  return datagrams;
}
