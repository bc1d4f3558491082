import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { callIdOf, contactOf, cseqOf, fromOf, tagOf, toOf, viasOf } from './fields.js';
import type { SipRequest } from './message.js';
import { parseMessage } from './parse.js';
import { serializeMessage } from './serialize.js';
import { parseUri } from './uri.js';

const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'));

function parseRequest(data: Buffer): SipRequest {
  const message = parseMessage(data);
  if (message.kind !== 'request') throw new Error('expected a request');
  return message;
}

function parseError(data: Buffer): SipParseError {
  try {
    parseMessage(data);
  } catch (error) {
    if (error instanceof SipParseError) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

const invite = crlf([
  'INVITE sip:+18338006777@parley.example.com;user=phone SIP/2.0',
  'Via: SIP/2.0/TLS sbc1.adatum.biz:5058;alias;branch=z9hG4bKac2121518978',
  'Max-Forwards: 68',
  'From: <sip:+17168712781@sbc1.adatum.biz;transport=udp>;tag=1c747237679',
  'To: sip:+18338006777@sbc1.adatum.biz',
  'Call-ID: 8e1c5c5f@sbc1',
  'CSeq: 1 INVITE',
  'Contact: <sip:+17168712781@sbc1.adatum.biz:5058;transport=tls>',
  'Content-Type: application/sdp',
  'Content-Length: 4',
  '',
  'v=0\n',
]);

describe('parsing an SBC INVITE', () => {
  it('reads the start line, headers, and body cut to Content-Length', () => {
    const request = parseRequest(invite);
    expect(request.method).toBe('INVITE');
    expect(parseUri(request.uri)).toMatchObject({ user: '+18338006777', params: { user: 'phone' } });
    expect(callIdOf(request)).toBe('8e1c5c5f@sbc1');
    expect(cseqOf(request)).toEqual({ seq: 1, method: 'INVITE' });
    expect(tagOf(fromOf(request))).toBe('1c747237679');
    expect(fromOf(request).uri).toMatchObject({ user: '+17168712781', params: { transport: 'udp' } });
    expect(tagOf(toOf(request))).toBeUndefined();
    expect(contactOf(request)?.uri).toMatchObject({ host: 'sbc1.adatum.biz', port: 5058 });
    expect(viasOf(request)[0]).toMatchObject({
      transport: 'TLS',
      host: 'sbc1.adatum.biz',
      port: 5058,
      params: { alias: null, branch: 'z9hG4bKac2121518978' },
    });
    expect(request.body.toString()).toBe('v=0\n');
  });

  it('survives a serialise → parse round trip unchanged', () => {
    const once = parseRequest(invite);
    const twice = parseRequest(serializeMessage(once));
    expect([...twice.headers]).toEqual([...once.headers]);
    expect(twice.body.equals(once.body)).toBe(true);
    expect(serializeMessage(twice).equals(serializeMessage(once))).toBe(true);
  });
});

describe('torture cases in the style of RFC 4475', () => {
  it('expands compact header names, unfolds continuation lines and tolerates odd whitespace', () => {
    // After RFC 4475 §3.1.1.1 "wsinv": short forms, folding, tabs, SWS around colons and separators.
    const request = parseRequest(
      crlf([
        'INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0',
        'TO :',
        ' sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n',
        'from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>',
        '  ;',
        '  tag = 98asjd8',
        'MaX-fOrWaRdS: 0068',
        'Call-ID: wsinv.ndaksdj@192.0.2.1',
        'Content-Length   : 0',
        'cseq: 0009',
        '  INVITE',
        'Via  : SIP  /   2.0',
        ' /UDP',
        '    192.0.2.2;branch=390skdjuw',
        's :',
        'NewFangledHeader:   newfangled value',
        ' continued newfangled value',
        'UnknownHeaderWithUnusualValue: ;;,,;;,;',
        'm:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =',
        '      newvalue ;',
        '  secondparam ; q = 0.33',
        'v:  SIP/2.0/TCP spindle.example.com   ;',
        '  branch  =   z9hG4bK9ikj8  ,',
        ' SIP  /    2.0   / UDP  192.168.255.111   ; branch=',
        ' z9hG4bK30239',
        '',
        '',
      ]),
    );
    expect(tagOf(toOf(request))).toBe('1918181833n');
    expect(fromOf(request).displayName).toBe('J Rosenberg \\"');
    expect(tagOf(fromOf(request))).toBe('98asjd8');
    expect(cseqOf(request)).toEqual({ seq: 9, method: 'INVITE' });
    expect(request.headers.get('newfangledheader')).toBe('newfangled value continued newfangled value');
    expect(request.headers.get('Subject')).toBe('');
    expect(contactOf(request)).toMatchObject({
      displayName: 'Quoted string ""',
      params: { newparam: 'newvalue', secondparam: null, q: '0.33' },
    });
    expect(viasOf(request).map((v) => [v.transport, v.host, v.params.branch])).toEqual([
      ['UDP', '192.0.2.2', '390skdjuw'],
      ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
  });

  it('splits list headers on commas, but not inside quotes or angle brackets', () => {
    const request = parseRequest(
      crlf([
        'OPTIONS sip:parley.example.com SIP/2.0',
        'v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2',
        'Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3',
        'f: "Doe, John" <sip:j@example.com;x=a,b>;tag=7',
        't: <sip:parley.example.com>',
        'i: list@x',
        'CSeq: 2 OPTIONS',
        'm: "Doe, J" <sip:j@a.example.com>, <sip:k@b.example.com>;expires=60',
        'Date: Sat, 13 Nov 2010 23:29:00 GMT',
        'l: 0',
        '',
        '',
      ]),
    );
    expect(viasOf(request).map((v) => v.host)).toEqual(['a.example.com', 'b.example.com', 'c.example.com']);
    expect(fromOf(request).displayName).toBe('Doe, John');
    expect(request.headers.getAll('Contact')).toHaveLength(2);
    expect(request.headers.get('Date')).toBe('Sat, 13 Nov 2010 23:29:00 GMT');
  });

  it('unescapes the user part and keeps URI parameters and headers apart', () => {
    // After RFC 4475 §3.1.1.3 "esc01" and §3.1.1.9 "semiuri".
    const uri = parseUri(
      'sip:sips%3Auser%40example.com@example.net;lr?Subject=Hello%20there&Priority=urgent',
    );
    expect(uri).toMatchObject({
      scheme: 'sip',
      user: 'sips:user@example.com',
      host: 'example.net',
      params: { lr: null },
      headers: { Subject: 'Hello there', Priority: 'urgent' },
    });
    expect(parseUri('sip:user;par=u%40example.net@example.com')).toMatchObject({
      user: 'user;par=u@example.net',
      host: 'example.com',
    });
    expect(parseUri('tel:+1-212-555-1212;phone-context=example.com')).toEqual({
      scheme: 'tel',
      number: '+1-212-555-1212',
      params: { 'phone-context': 'example.com' },
    });
    expect(parseUri('sip:[2001:db8::10]:5070;transport=tcp')).toMatchObject({
      host: '[2001:db8::10]',
      port: 5070,
    });
  });

  it('reads a response and bare-LF line ends', () => {
    const response = parseMessage(
      Buffer.from(
        'SIP/2.0 180 Ringing\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\nFrom: <sip:a@h>;tag=1\nTo: <sip:b@h>;tag=2\nCall-ID: r\nCSeq: 1 INVITE\n\n',
      ),
    );
    expect(response).toMatchObject({ kind: 'response', status: 180, reason: 'Ringing' });
  });
});

describe('malformed messages', () => {
  const base = [
    'Via: SIP/2.0/UDP 192.0.2.5:5060;branch=z9hG4bKbad',
    'From: <sip:a@example.com>;tag=1',
    'To: <sip:b@example.com>',
    'Call-ID: bad@x',
    'CSeq: 1 INVITE',
  ];

  it.each([
    [
      'a missing Call-ID',
      ['INVITE sip:b@example.com SIP/2.0', ...base.filter((h) => !h.startsWith('Call-ID'))],
      'missing-header',
      /Call-ID/,
    ],
    [
      'a missing CSeq',
      ['INVITE sip:b@example.com SIP/2.0', ...base.filter((h) => !h.startsWith('CSeq'))],
      'missing-header',
      /CSeq/,
    ],
    [
      'a missing From',
      ['INVITE sip:b@example.com SIP/2.0', ...base.filter((h) => !h.startsWith('From'))],
      'missing-header',
      /From/,
    ],
    [
      'a missing To',
      ['INVITE sip:b@example.com SIP/2.0', ...base.filter((h) => !h.startsWith('To'))],
      'missing-header',
      /To/,
    ],
    [
      'extra spaces in the request line (lwsstart)',
      ['INVITE  sip:b@example.com SIP/2.0', ...base],
      'bad-start-line',
      /Request Line/,
    ],
    [
      'a CSeq method that differs from the request',
      ['OPTIONS sip:b@example.com SIP/2.0', ...base],
      'bad-header',
      /CSeq/,
    ],
    [
      'a negative-looking CSeq',
      ['INVITE sip:b@example.com SIP/2.0', ...base.slice(0, 4), 'CSeq: -1 INVITE'],
      'bad-header',
      /CSeq/,
    ],
    [
      'a header line without a colon',
      ['INVITE sip:b@example.com SIP/2.0', ...base, 'Garbage here'],
      'bad-header',
      /Malformed/,
    ],
  ])('answers %s with a reason naming the problem', (_, lines, reason, phrase) => {
    const error = parseError(crlf([...lines, 'Content-Length: 0', '', '']));
    expect(error.reason).toBe(reason);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(phrase);
    expect(error.partial?.headers.get('Via')).toContain('z9hG4bKbad');
  });

  it('refuses a Content-Length larger than the body', () => {
    const error = parseError(
      crlf(['INVITE sip:b@example.com SIP/2.0', ...base, 'Content-Length: 50', '', 'v=0']),
    );
    expect(error).toMatchObject({ reason: 'bad-content-length', status: 400 });
    expect(error.message).toMatch(/Larger Than Body/);
  });

  it('answers an unknown URI scheme with 416 and an unknown SIP version with 505', () => {
    expect(parseError(crlf(['INVITE mailto:b@example.com SIP/2.0', ...base, '', ''])).status).toBe(416);
    expect(parseError(crlf(['INVITE sip:b@example.com SIP/7.0', ...base, '', ''])).status).toBe(505);
  });

  it('limits header and message sizes', () => {
    const longHeader = parseError(
      crlf(['INVITE sip:b@example.com SIP/2.0', ...base, `X-Big: ${'a'.repeat(9000)}`, '', '']),
    );
    expect(longHeader).toMatchObject({ reason: 'too-large', message: 'Header Too Long' });
    expect(longHeader.partial).toBeDefined();
    const huge = parseError(
      crlf(['INVITE sip:b@example.com SIP/2.0', ...base, 'Content-Length: 70000', '', 'x'.repeat(70000)]),
    );
    expect(huge.reason).toBe('too-large');
  });

  it('drops garbage bytes without a partial request to answer', () => {
    const error = parseError(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00]));
    expect(error.reason).toBe('garbage');
    expect(error.partial).toBeUndefined();
  });
});
