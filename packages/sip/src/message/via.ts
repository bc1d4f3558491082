import { SipParseError } from '../errors.js';
import { formatParams, type Params, parseParams } from './params.js';

/** One Via element (RFC 3261 §20.42, RFC 3581): transport, sent-by and `branch`/`received`/`rport`. */
export interface Via {
  transport: string;
  host: string;
  port?: number;
  params: Params;
}

/** The RFC 3261 magic cookie that marks a branch as globally unique (§8.1.1.7). */
export const branchCookie = 'z9hG4bK';

/** Parses one Via element, tolerating the linear whitespace the grammar allows (`SIP / 2.0 / UDP`). */
export function parseVia(text: string): Via {
  const match =
    /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z0-9.!%*_+`'~-]+)\s+(\[[0-9a-fA-F:.]+\]|[^\s:;]+)(?:\s*:\s*(\d+))?\s*(;.*)?$/i.exec(
      text.trim(),
    );
  if (!match) throw new SipParseError('bad-header', `bad Via "${text}"`);
  const [, transport = '', host = '', port, params] = match;
  const via: Via = {
    transport: transport.toUpperCase(),
    host: host.toLowerCase(),
    params: params ? parseParams(params.slice(1)) : {},
  };
  if (port !== undefined) {
    const n = Number(port);
    if (n > 65535) throw new SipParseError('bad-header', `bad Via port in "${text}"`);
    via.port = n;
  }
  return via;
}

/** Writes a Via element: `SIP/2.0/UDP host:port;branch=…`. */
export function formatVia(via: Via): string {
  const port = via.port === undefined ? '' : `:${via.port}`;
  return `SIP/2.0/${via.transport} ${via.host}${port}${formatParams(via.params)}`;
}
