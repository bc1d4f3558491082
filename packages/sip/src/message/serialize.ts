import { headerKey, isListHeader } from './header-names.js';
import type { SipMessage } from './message.js';

/**
 * Writes a message for the wire with a Content-Length that matches the body. Adjacent rows of one list
 * header are joined with commas (`Allow: INVITE, ACK`), which §7.3.1 makes equivalent and peers expect.
 */
export function serializeMessage(message: SipMessage): Buffer {
  const start =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const rows: { key: string; name: string; value: string }[] = [];
  for (const { name, value } of message.headers) {
    const key = headerKey(name);
    if (key === 'content-length') continue;
    const last = rows.at(-1);
    if (last && last.key === key && isListHeader(key) && key !== 'via') last.value += `, ${value}`;
    else rows.push({ key, name, value });
  }
  let head = `${start}\r\n`;
  for (const row of rows) head += `${row.name}: ${row.value}\r\n`;
  head += `Content-Length: ${message.body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), message.body]);
}
