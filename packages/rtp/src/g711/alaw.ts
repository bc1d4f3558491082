// A-law after the ITU-T G.191 reference (alaw_compress/alaw_expand), which reproduces the G.711 tables
// exactly: 16-bit input is reduced to G.711's 12-bit magnitude by `>> 4` on the one's complement.

/** Encodes one 16-bit linear sample to an A-law (PCMA) byte (even bits inverted, as sent on the wire). */
export function linearToAlaw(sample: number): number {
  const negative = sample < 0;
  let ix = (negative ? ~sample : sample) >> 4;
  if (ix > 15) {
    let exponent = 1;
    while (ix > 16 + 15) {
      ix >>= 1;
      exponent++;
    }
    ix = ix - 16 + (exponent << 4);
  }
  if (!negative) ix |= 0x80;
  return ix ^ 0x55;
}

/** Decodes one A-law (PCMA) byte to a 16-bit linear sample. */
export function alawToLinear(code: number): number {
  const ix = (code ^ 0x55) & 0x7f;
  const exponent = ix >> 4;
  let mantissa = ix & 0x0f;
  if (exponent > 0) mantissa += 16;
  mantissa = (mantissa << 4) + 8;
  if (exponent > 1) mantissa <<= exponent - 1;
  return code > 0x7f ? mantissa : -mantissa;
}
