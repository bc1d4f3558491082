/** RFC 3711 §3.3.2 asks for at least 64 packets of replay window; 64 fits one bigint word. */
export const replayWindowSize = 64;
const windowMask = (1n << BigInt(replayWindowSize)) - 1n;

/**
 * The 48-bit packet index of a sequence number (RFC 3711 §3.3.1): ROC × 65536 + SEQ, with the rollover
 * counter guessed from the highest index seen so far — one less when SEQ is far above it (a late packet from
 * before a wrap), one more when far below (the sequence wrapped). Negative when a late packet claims to
 * come from before the stream began.
 */
export function estimateIndex(highest: number, sequence: number): number {
  const roc = Math.floor(highest / 0x10000);
  const last = highest % 0x10000;
  let guess = roc;
  if (last < 0x8000) {
    if (sequence - last > 0x8000) guess = roc - 1;
  } else if (last - 0x8000 > sequence) {
    guess = roc + 1;
  }
  return guess * 0x10000 + sequence;
}

/**
 * Where one SSRC's stream stands: the highest packet index authenticated and which of the 63 before it were
 * seen too (bit k: index `highest - k`). Updated only after a packet authenticated, so forged packets move
 * nothing.
 */
export class ReplayWindow {
  private seen = 1n;

  constructor(private top: number) {}

  /** The highest packet index accepted so far. */
  get highest(): number {
    return this.top;
  }

  /** Whether `index` was already accepted, or is too far behind the window to tell. */
  isReplay(index: number): boolean {
    if (index > this.top) return false;
    const behind = this.top - index;
    if (behind >= replayWindowSize) return true;
    return ((this.seen >> BigInt(behind)) & 1n) === 1n;
  }

  /** Notes `index` as received, sliding the window when it is the newest. */
  accept(index: number): void {
    if (index > this.top) {
      const ahead = index - this.top;
      this.seen = ahead >= replayWindowSize ? 1n : ((this.seen << BigInt(ahead)) | 1n) & windowMask;
      this.top = index;
    } else {
      this.seen |= 1n << BigInt(this.top - index);
    }
  }
}
