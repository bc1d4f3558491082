import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { basename, join } from 'node:path';
import { type Answer, answers, countRtd, finalStatistics } from './sipp-output';

/** The sipp binary (Debian's sip-tester). */
export const SIPP = process.env.PARLEY_SIPP ?? '/usr/bin/sipp';

/** Every sipp this process started and that has not exited yet: none may outlive the bench. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A free UDP port on 127.0.0.1, for sipp's signalling and media sockets. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

function start(args: string[], cwd: string): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(SIPP, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      running.delete(child);
      if (code !== null && code > 1) reject(new Error(`sipp exited with ${code}: ${stderr.trim()}`));
      else resolve(code);
    });
  });
  return { child, exited };
}

/** One sipp run as the caller side: what sipp counted, and each answered call's setup time. */
export interface SippLoad {
  /** Calls sipp started. */
  created: number;
  /** Calls that reached the end of the scenario (a rejected call does too: see `rejected`). */
  successful: number;
  /** Calls sipp counted as failed (timeouts, unexpected messages, retransmissions given up). */
  failed: number;
  /** sipp's reasons for the failed calls, as "12 timeout on recv". */
  failureCauses: string[];
  /** Calls the scenario saw rejected: a final non-2xx answer to the INVITE. */
  rejected: number;
  /** The calls answered with 200 OK. */
  answers: Answer[];
  /** Mean call length, ms. */
  callLengthMs: number;
}

export interface LoadOptions {
  /** The UAC scenario; a call it sees rejected stops its rtd "rejected". */
  scenario: string;
  /** host:port of the called side. */
  target: string;
  /** Offered calls per second. */
  rate: number;
  calls: number;
  /** Folder for sipp's statistics and logs. */
  dir: string;
  /** Length of the scenario's `<pause />`, ms. */
  pauseMs?: number;
}

/** Seconds a call may wait for its next message before sipp counts it failed. */
const RECV_TIMEOUT_S = 8;
/** The longest sipp runs past its offered load: a call placed last may wait twice (answer, then BYE). */
export const SIPP_GRACE_S = 2 * RECV_TIMEOUT_S + 2;

let runs = 0;

/** Places `calls` calls at `rate` per second with sipp and reads back its statistics and message log. */
export async function runSippLoad(opts: LoadOptions): Promise<SippLoad> {
  const name = join(opts.dir, `${basename(opts.scenario, '.xml')}-${opts.rate}cps-${++runs}`);
  const args = [
    opts.target,
    '-sf',
    opts.scenario,
    '-i',
    '127.0.0.1',
    '-p',
    String(await freeUdpPort()),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(await freeUdpPort()),
    '-r',
    String(opts.rate),
    '-m',
    String(opts.calls),
    // Room for every call of ten seconds: a slower runtime shows as setup time and a falling answer
    // rate rather than as sipp holding calls back.
    '-l',
    String(Math.max(10, Math.ceil(opts.rate * 10))),
    '-d',
    String(opts.pauseMs ?? 0),
    '-recv_timeout',
    `${RECV_TIMEOUT_S}s`,
    '-timeout',
    `${Math.ceil(opts.calls / opts.rate + SIPP_GRACE_S)}s`,
    '-trace_stat',
    '-stf',
    `${name}.csv`,
    '-fd',
    '1',
    '-trace_shortmsg',
    '-shortmessage_file',
    `${name}-messages.log`,
    '-trace_rtt',
    '-rtt_freq',
    '1',
    '-nostdin',
  ];
  const { child, exited } = start(args, opts.dir);
  await exited;

  const statistics = finalStatistics(`${name}.csv`);
  // The response time file has no name option: sipp names it after the scenario and its pid, in its
  // working folder.
  const rtt = join(opts.dir, `${basename(opts.scenario, '.xml')}_${child.pid}_rtt.csv`);
  return {
    created: statistics.value('OutgoingCall(C)'),
    successful: statistics.value('SuccessfulCall(C)'),
    failed: statistics.value('FailedCall(C)'),
    failureCauses: statistics.failureCauses(),
    rejected: countRtd(rtt, 'rejected'),
    answers: answers(`${name}-messages.log`),
    callLengthMs: statistics.value('CallLength(C)'),
  };
}

/** sipp's built-in UAS (`-sn uas`) on a free port: answers every INVITE at once. */
export interface SippUas {
  target: string;
  stop(): Promise<void>;
}

/** Starts sipp's built-in UAS on 127.0.0.1. */
export async function startSippUas(dir: string): Promise<SippUas> {
  const port = await freeUdpPort();
  const args = ['-sn', 'uas', '-i', '127.0.0.1', '-p', String(port), '-mi', '127.0.0.1'];
  const { child, exited } = start([...args, '-mp', String(await freeUdpPort()), '-nostdin'], dir);
  let failure: unknown;
  exited.catch((error: unknown) => {
    failure = error;
  });
  // sipp exits at once when it cannot bind; a short wait lets that show here rather than as failed calls.
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (failure) throw failure;
  return {
    target: `127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGUSR1 is sipp's soft exit: no new calls, the open ones finish; SIGKILL if it lingers.
      child.kill('SIGUSR1');
      const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited.catch(() => undefined);
      clearTimeout(force);
    },
  };
}
