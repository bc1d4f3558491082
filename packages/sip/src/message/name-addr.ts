import { SipParseError } from '../errors.js';
import { formatParams, type Params, parseParams } from './params.js';
import { formatUri, parseUri, type Uri } from './uri.js';

/** A name-addr or addr-spec with header parameters: From, To, Contact, Route, Record-Route, Refer-To. */
export interface NameAddr {
  displayName?: string;
  uri: Uri;
  /** Header parameters (`tag`, `expires`, `lr` on a Route outside `<…>`): not the URI's own. */
  params: Params;
}

/** Parses `"Alice" <sip:alice@example.com>;tag=1`, `Bob <sip:b@x>` or `sip:c@x;tag=2` (RFC 3261 §20.10). */
export function parseNameAddr(text: string): NameAddr {
  const value = text.trim();
  const lt = findAngle(value);
  if (lt === -1) {
    // addr-spec: any `;` after the URI starts header parameters (§20), so the URI has none of its own.
    const semi = value.indexOf(';');
    const uriText = semi === -1 ? value : value.slice(0, semi);
    return { uri: parseUri(uriText.trim()), params: semi === -1 ? {} : parseParams(value.slice(semi + 1)) };
  }
  const gt = value.indexOf('>', lt);
  if (gt === -1) throw new SipParseError('bad-header', `unclosed "<" in "${value}"`);
  const displayName = parseDisplayName(value.slice(0, lt).trim());
  const after = value.slice(gt + 1).trim();
  if (after !== '' && !after.startsWith(';')) {
    throw new SipParseError('bad-header', `unexpected "${after}" after the URI in "${value}"`);
  }
  const result: NameAddr = {
    uri: parseUri(value.slice(lt + 1, gt).trim()),
    params: parseParams(after.slice(1)),
  };
  if (displayName !== undefined) result.displayName = displayName;
  return result;
}

/** Writes a name-addr, always in angle brackets so URI parameters cannot be mistaken for header ones. */
export function formatNameAddr(addr: NameAddr): string {
  const name =
    addr.displayName === undefined || addr.displayName === ''
      ? ''
      : `"${addr.displayName.replace(/(["\\])/g, '\\$1')}" `;
  return `${name}<${formatUri(addr.uri)}>${formatParams(addr.params)}`;
}

/** The `<` that opens the URI, skipping any inside a quoted display name. */
function findAngle(value: string): number {
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') return i;
  }
  if (quoted) throw new SipParseError('bad-header', `unclosed quote in "${value}"`);
  return -1;
}

function parseDisplayName(text: string): string | undefined {
  if (text === '') return undefined;
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) {
      throw new SipParseError('bad-header', `bad quoted display name ${text}`);
    }
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  // Unquoted display names are tokens separated by linear whitespace.
  return text.replace(/\s+/g, ' ');
}
