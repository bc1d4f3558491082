import { z } from 'zod';

/** What templates and expressions can read while a call runs. */
export interface Scope {
  vars: Record<string, string | number | boolean | null | undefined>;
  call: Record<string, string | number | boolean | null | undefined>;
}

/** Call data every flow can read as `{{call.NAME}}` or `{ call: NAME }`. */
export const CALL_FIELDS = {
  callId: 'The call id Parley gave the call',
  caller: 'Caller number (E.164) or Teams identity',
  callerName: 'Caller display name, when the network sends one',
  called: 'The number or resource account the caller dialled',
  channel: 'How the call arrived: sip, graph or sim',
  startedAt: 'When the call started (ISO 8601)',
} as const;
export type CallField = keyof typeof CALL_FIELDS;
export const callFieldSchema = z.enum(Object.keys(CALL_FIELDS) as [CallField, ...CallField[]]);

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A reference found in a template: a flow variable or a call field. */
export type TemplateRef =
  | { kind: 'var'; name: string }
  | { kind: 'call'; name: string }
  | { kind: 'bad'; text: string };

/** The placeholders of a template, in order: `Hello {{name}} from {{call.caller}}`. */
export function templateRefs(template: string): TemplateRef[] {
  const refs: TemplateRef[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const text = match[1] ?? '';
    if (/^call\.[A-Za-z]+$/.test(text)) refs.push({ kind: 'call', name: text.slice(5) });
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) refs.push({ kind: 'var', name: text });
    else refs.push({ kind: 'bad', text });
  }
  return refs;
}

/** Fills a template's placeholders from the scope; missing values render as the empty string. */
export function renderTemplate(
  template: string,
  scope: Scope,
  encode: (s: string) => string = (s) => s,
): string {
  return template.replace(PLACEHOLDER, (_, text: string) => {
    const value = text.startsWith('call.') ? scope.call[text.slice(5)] : scope.vars[text];
    return value === undefined || value === null ? '' : encode(String(value));
  });
}
