import { describe, expect, it } from 'vitest';
import { tokensOf } from './fields.js';
import { StreamFramer } from './framer.js';
import { createRequest } from './message.js';
import { formatNameAddr, parseNameAddr } from './name-addr.js';
import { parseMessage } from './parse.js';
import { createResponse } from './response.js';
import { serializeMessage } from './serialize.js';
import { formatUri, parseUri } from './uri.js';
import { formatVia, parseVia } from './via.js';

const options = createRequest('OPTIONS', 'sip:parley.example.com', [
  ['v', 'SIP/2.0/TLS sbc.example.com:5061;branch=z9hG4bKabc;rport'],
  ['f', '"Front Desk" <sip:+15551234@sbc.example.com;user=phone>;tag=9'],
  ['t', '<sip:parley.example.com>'],
  ['i', 'opt@sbc'],
  ['CSeq', '7 OPTIONS'],
  ['Allow', 'INVITE'],
  ['Allow', 'ACK'],
]);

describe('writing messages', () => {
  it('writes long header names, joins list rows and computes Content-Length', () => {
    const text = serializeMessage(options).toString();
    expect(text).toContain('Via: SIP/2.0/TLS sbc.example.com:5061;branch=z9hG4bKabc;rport\r\n');
    expect(text).toContain('Call-ID: opt@sbc\r\n');
    expect(text).toContain('Allow: INVITE, ACK\r\n');
    expect(text.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
  });

  it('builds a response that copies Via, From, To (adding our tag), Call-ID and CSeq', () => {
    const response = createResponse(options, 200, { toTag: 'uas1', headers: { Allow: 'INVITE, BYE' } });
    const parsed = parseMessage(serializeMessage(response));
    expect(parsed).toMatchObject({ kind: 'response', status: 200, reason: 'OK' });
    expect(parsed.headers.get('To')).toBe('<sip:parley.example.com>;tag=uas1');
    expect(parsed.headers.get('Via')).toContain('branch=z9hG4bKabc');
    expect(tokensOf(parsed, 'Allow')).toEqual(new Set(['invite', 'bye']));
  });

  it('round-trips URIs, name-addrs and Vias', () => {
    for (const uri of [
      'sip:+18338006777@sip.pstnhub.microsoft.com:5061;user=phone;transport=tls',
      'sips:alice@[2001:db8::1]:5061',
      'tel:+14255550100;phone-context=example.com',
      'sip:sbc.example.com?Replaces=abc%40host%3Bto-tag%3D1',
    ]) {
      expect(formatUri(parseUri(uri))).toBe(uri);
    }
    const addr = '"A \\"quoted\\" name" <sip:a@example.com;transport=tcp>;tag=x;expires=60';
    expect(formatNameAddr(parseNameAddr(addr))).toBe(addr);
    const via = 'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;received=198.51.100.1;rport=6000';
    expect(formatVia(parseVia(via))).toBe(via);
  });
});

describe('framing a TCP stream by Content-Length', () => {
  it('cuts messages split across chunks and answers CRLFCRLF keep-alives', () => {
    const framer = new StreamFramer();
    const one = serializeMessage({ ...options, body: Buffer.from('hello') });
    const two = serializeMessage(options);
    const stream = Buffer.concat([Buffer.from('\r\n\r\n'), one, two]);
    const items = [...framer.push(stream.subarray(0, 30)), ...framer.push(stream.subarray(30))];
    expect(items.map((i) => i.type)).toEqual(['ping', 'message', 'message']);
    const first = items[1];
    expect(first?.type === 'message' && parseMessage(first.data).body.toString()).toBe('hello');
  });

  it('refuses a stream message without Content-Length', () => {
    const framer = new StreamFramer();
    expect(() => framer.push(Buffer.from('OPTIONS sip:x SIP/2.0\r\nCall-ID: a\r\n\r\n'))).toThrow(
      /Content-Length/,
    );
  });
});
