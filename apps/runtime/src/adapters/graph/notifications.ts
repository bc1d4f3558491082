import { z } from 'zod';

/**
 * The notification envelope Graph posts to the callback (graph-calling.md §2, commsnotification.md):
 * `{ value: [commsNotification, …] }`. Unknown fields pass: Graph adds fields over time (§13 shows
 * `callChainId`, `meetingCapability`, `coOrganizers` on real payloads).
 */

const CALL_URL = /^\/communications\/calls\/([^/?#]+)(?:\/(operations|participants)(?:\/([^/?#]+))?)?\/?$/i;

/** resultInfo codes are numbers in most examples and strings in call-delete.md; `subCode` in call-transfer.md. */
const code = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);
export const resultInfoSchema = z
  .looseObject({
    code: code.optional(),
    subcode: code.optional(),
    subCode: code.optional(),
    message: z.string().nullish(),
  })
  .transform(({ code, subcode, subCode, message }) => ({
    code: code ?? 0,
    subcode: subcode ?? subCode ?? 0,
    message: message ?? '',
  }));
export type ResultInfo = z.output<typeof resultInfoSchema>;

const identity = z.looseObject({ id: z.string().nullish(), displayName: z.string().nullish() });
export const identitySetSchema = z.looseObject({
  user: identity.nullish(),
  phone: identity.nullish(),
  application: identity.nullish(),
  applicationInstance: identity.nullish(),
  guest: identity.nullish(),
  encrypted: identity.nullish(),
});
export type IdentitySet = z.output<typeof identitySetSchema>;
const participantInfo = z.looseObject({ identity: identitySetSchema.nullish() });

export const callResourceSchema = z.looseObject({
  '@odata.type': z.literal('#microsoft.graph.call'),
  id: z.string().nullish(),
  state: z.string().nullish(),
  direction: z.string().nullish(),
  source: participantInfo.nullish(),
  targets: z.array(participantInfo).nullish(),
  tenantId: z.string().nullish(),
  toneInfo: z
    .looseObject({
      sequenceId: z.number().int().nullish(),
      tone: z.string(),
    })
    .nullish(),
  resultInfo: resultInfoSchema.nullish(),
  terminationReason: z.string().nullish(),
  mediaState: z.looseObject({ audio: z.string().nullish() }).nullish(),
});
export type CallResource = z.output<typeof callResourceSchema>;

/** playPromptOperation, recordOperation, subscribeToToneOperation, cancelMediaProcessingOperation, … */
export const operationResourceSchema = z.looseObject({
  '@odata.type': z.string().regex(/^#microsoft\.graph\.\w+Operation$/),
  id: z.string().nullish(),
  status: z.enum(['notStarted', 'running', 'completed', 'failed']),
  clientContext: z.string().nullish(),
  resultInfo: resultInfoSchema.nullish(),
  completionReason: z.string().nullish(),
});
export type OperationResource = z.output<typeof operationResourceSchema>;

const notificationSchema = z.looseObject({
  changeType: z.enum(['created', 'updated', 'deleted']),
  resourceUrl: z
    .string()
    .regex(CALL_URL, 'expected /communications/calls/{id}, optionally /operations/{id} or /participants'),
  resourceData: z.union([z.looseObject({ '@odata.type': z.string() }), z.array(z.unknown())]),
});

export const notificationsSchema = z.looseObject({
  value: z.array(notificationSchema).min(1, 'a notification batch holds at least one notification'),
});

/** One notification, reduced to what the adapter acts on. */
export type CallNotification =
  | { kind: 'call'; callId: string; changeType: ChangeType; call: CallResource }
  | { kind: 'operation'; callId: string; changeType: ChangeType; operation: OperationResource }
  /** Participants rosters and resource types the adapter has no use for. */
  | { kind: 'other'; callId: string; changeType: ChangeType; type: string };
type ChangeType = 'created' | 'updated' | 'deleted';

/** The body did not match the documented shape; `path` names the field, e.g. `value.0.changeType`. */
export class NotificationShapeError extends Error {
  override name = 'NotificationShapeError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path || 'body'}: ${message}`);
  }
}

/** Parses a callback body into notifications, in batch order; throws NotificationShapeError. */
export function parseNotifications(body: unknown): CallNotification[] {
  const envelope = notificationsSchema.safeParse(body);
  if (!envelope.success) throw shapeError(envelope.error, []);
  return envelope.data.value.map((n, i) => {
    const callId = CALL_URL.exec(n.resourceUrl)![1]!;
    const data = n.resourceData;
    const type = Array.isArray(data) ? 'array' : data['@odata.type'];
    if (type === '#microsoft.graph.call') {
      const call = callResourceSchema.safeParse(data);
      if (!call.success) throw shapeError(call.error, ['value', i, 'resourceData']);
      return { kind: 'call', callId, changeType: n.changeType, call: call.data };
    }
    if (/Operation$/.test(type)) {
      const operation = operationResourceSchema.safeParse(data);
      if (!operation.success) throw shapeError(operation.error, ['value', i, 'resourceData']);
      return { kind: 'operation', callId, changeType: n.changeType, operation: operation.data };
    }
    return { kind: 'other', callId, changeType: n.changeType, type };
  });
}

function shapeError(error: z.ZodError, prefix: (string | number)[]): NotificationShapeError {
  const issue = error.issues[0]!;
  return new NotificationShapeError([...prefix, ...issue.path].map(String).join('.'), issue.message);
}
