import { existsSync, readFileSync } from 'node:fs';

/** The final row of a sipp statistics file (`-trace_stat -stf`). */
export interface Statistics {
  /** A column's value; durations (hh:mm:ss:µs) in ms. */
  value(column: string): number;
  /** sipp's reasons for failed calls that occurred, as "12 timeout on recv". */
  failureCauses(): string[];
}

/** Reads the final row of a sipp statistics file. */
export function finalStatistics(file: string): Statistics {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0]?.split(';') ?? [];
  const last = lines.at(-1)?.split(';') ?? [];
  const value = (column: string) => {
    const index = header.indexOf(column);
    const cell = last[index];
    if (index < 0 || cell === undefined) throw new Error(`sipp's statistics have no ${column} column`);
    const duration = /^(\d+):(\d+):(\d+):(\d+)$/.exec(cell);
    if (!duration) return Number(cell);
    const [h, m, s, us] = duration.slice(1).map(Number) as [number, number, number, number];
    return ((h * 60 + m) * 60 + s) * 1000 + us / 1000;
  };
  const failureCauses = () =>
    header
      .filter((column) => /^Failed.+\(C\)$/.test(column) && column !== 'FailedCall(C)' && value(column) > 0)
      .map((column) => {
        // FailedTimeoutOnRecv(C) → "timeout on recv"
        const words = column.slice('Failed'.length, -'(C)'.length).replace(/([a-z])([A-Z])/g, '$1 $2');
        return `${value(column)} ${words.toLowerCase()}`;
      });
  return { value, failureCauses };
}

/** How many calls stopped response time duration `rtd` (`-trace_rtt -rtt_freq 1`); none without a file. */
export function countRtd(file: string, rtd: string): number {
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.split(';')[2] === rtd).length;
}

/** Each answered call: when its first INVITE left and when its first 200 OK to the INVITE came in. */
export interface Answer {
  sentAtMs: number;
  answeredAtMs: number;
}

/**
 * Answered calls from sipp's short message log (`-trace_shortmsg`): one tab-separated line per message,
 * with a microsecond wall-clock time, S or R, the Call-ID, the CSeq and the first line. sipp's own
 * response timers tick with the kernel's coarse clock (4 ms steps here), too coarse for a loopback peer.
 */
export function answers(file: string): Answer[] {
  const sent = new Map<string, number>();
  const answered = new Map<string, Answer>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [, , epoch, direction, callId, cseq, firstLine] = line.split('\t');
    if (!callId || !cseq?.endsWith(' INVITE') || !firstLine) continue;
    const atMs = Number(epoch) * 1000;
    if (direction === 'S' && firstLine.startsWith('INVITE ')) {
      if (!sent.has(callId)) sent.set(callId, atMs);
    } else if (direction === 'R' && firstLine.startsWith('SIP/2.0 200')) {
      const sentAtMs = sent.get(callId);
      if (sentAtMs !== undefined && !answered.has(callId))
        answered.set(callId, { sentAtMs, answeredAtMs: atMs });
    }
  }
  return [...answered.values()];
}
