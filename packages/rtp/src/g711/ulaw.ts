// μ-law after the ITU-T G.191 reference (ulaw_compress/ulaw_expand), which reproduces the G.711 tables
// exactly: 16-bit input is reduced to G.711's 14-bit magnitude by `>> 2` on the one's complement.

/** Encodes one 16-bit linear sample to a μ-law (PCMU) byte. */
export function linearToUlaw(sample: number): number {
  const negative = sample < 0;
  let magnitude = ((negative ? ~sample : sample) >> 2) + 33;
  if (magnitude > 0x1fff) magnitude = 0x1fff;
  let segment = 1;
  for (let i = magnitude >> 6; i !== 0; i >>= 1) segment++;
  const high = 8 - segment;
  const low = 0x0f - ((magnitude >> segment) & 0x0f);
  const code = (high << 4) | low;
  return negative ? code : code | 0x80;
}

/** Decodes one μ-law (PCMU) byte to a 16-bit linear sample. */
export function ulawToLinear(code: number): number {
  const sign = code < 0x80 ? -1 : 1;
  const inverted = ~code;
  const exponent = (inverted >> 4) & 0x07;
  const mantissa = inverted & 0x0f;
  const step = 4 << (exponent + 1);
  // `| 0` turns the negative zero of code 0x7F into 0.
  return (sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33)) | 0;
}
