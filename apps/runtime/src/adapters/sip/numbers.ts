/**
 * A number from a SIP URI user part as the router knows it: visual separators dropped and a leading `+`
 * added to bare digits (SBCs send `+14255550100;user=phone`, some trunks `14255550100`). Anything that is
 * not a number (a user name) is returned unchanged.
 */
export function normaliseNumber(user: string | undefined): string | undefined {
  if (user === undefined) return undefined;
  const stripped = user.replace(/[\s\-.()]/g, '');
  if (/^\+?\d+$/.test(stripped)) return stripped.startsWith('+') ? stripped : `+${stripped}`;
  return user;
}
