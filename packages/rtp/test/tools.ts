import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Under CI=true a missing tool fails the test instead of skipping it. */
const ci = process.env.CI === 'true';

/** Whether a test needing `available` should be skipped: only when the tool is missing outside CI. */
export function skipWithout(available: boolean): boolean {
  return !available && !ci;
}

/** espeak-ng (Debian package espeak-ng) is on the PATH. */
export const hasEspeak = spawnSync('espeak-ng', ['--version']).status === 0;

/** Where Debian's sip-tester package keeps sipp's RTP captures. */
export const sippPcaps = '/usr/share/sip-tester';

/** sipp's capture files are installed. */
export const hasSippPcaps = existsSync(`${sippPcaps}/dtmf_2833_1.pcap`);
