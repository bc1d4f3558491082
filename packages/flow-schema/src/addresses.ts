import { z } from 'zod';
import { codeForMessage } from './issues';

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{1,14}$/;
export const e164Schema = z
  .string()
  .regex(
    E164,
    codeForMessage('use E.164: + then country code and number, e.g. +14255550100', 'invalid-phone-number'),
  );

export const sipUriSchema = z
  .string()
  .regex(/^sips?:[^@\s]+@[A-Za-z0-9.-]+(:\d{1,5})?(;[^\s]*)?$/, 'use a SIP URI like sip:alice@example.com');

const upn = z
  .string()
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'use the user principal name, like alice@contoso.com');
const objectId = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'use the Entra object id (a GUID)',
  );

/** A Teams user, by user principal name or Entra object id. */
export const teamsUserSchema = z.union([z.object({ upn }).strict(), z.object({ objectId }).strict()]);
export type TeamsUser = z.output<typeof teamsUserSchema>;

/** Where a call can be sent: a Teams user, a phone number, a SIP address or another flow. */
export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('teamsUser'), user: teamsUserSchema }),
  z.object({ kind: z.literal('phone'), number: e164Schema }),
  z.object({ kind: z.literal('sip'), uri: sipUriSchema }),
  z.object({ kind: z.literal('flow'), flowId: z.string().min(1, 'choose a flow') }),
]);
export type TransferTarget = z.output<typeof transferTargetSchema>;
