import { z } from 'zod';
import type { Availability, PresenceSource } from '../../queues';
import type { GraphClients } from './client';

/** "Maximum of 650 user IDs are supported per API request." (cloudcommunications-getpresencesbyuserid.md, §11) */
export const PRESENCE_IDS_PER_REQUEST = 650;

const AVAILABILITIES: ReadonlySet<string> = new Set<Availability>([
  'Available',
  'AvailableIdle',
  'Away',
  'BeRightBack',
  'Busy',
  'BusyIdle',
  'DoNotDisturb',
  'Offline',
  'PresenceUnknown',
]);

const presencesAnswer = z.object({
  value: z.array(z.object({ id: z.string(), availability: z.string().nullish() })),
});

/**
 * Teams presence of agents through Graph's getPresencesByUserId (graph-calling.md §11), which needs the
 * application permission Presence.Read.All. Asks in chunks of the documented maximum of ids per request.
 */
export class GraphPresenceSource implements PresenceSource {
  constructor(private readonly clients: Pick<GraphClients, 'forTenant'>) {}

  async availability(tenantId: string, teamsUserIds: string[]): Promise<Map<string, Availability>> {
    const ids = [...new Set(teamsUserIds)];
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += PRESENCE_IDS_PER_REQUEST)
      chunks.push(ids.slice(i, i + PRESENCE_IDS_PER_REQUEST));
    const client = this.clients.forTenant(tenantId);
    const answers = await Promise.all(
      chunks.map(async (chunk) =>
        readPresences(await client.api('/communications/getPresencesByUserId').post({ ids: chunk }), chunk),
      ),
    );
    return new Map(answers.flatMap((answer) => [...answer]));
  }
}

/**
 * Availability of each asked id from a getPresencesByUserId answer. Values Parley does not know and ids
 * missing from the answer are PresenceUnknown; ids match case-insensitively (Graph may change their case).
 */
export function readPresences(body: unknown, askedIds: readonly string[]): Map<string, Availability> {
  const byId = new Map<string, Availability>();
  for (const presence of presencesAnswer.parse(body).value) {
    const availability = presence.availability ?? '';
    byId.set(
      presence.id.toLowerCase(),
      AVAILABILITIES.has(availability) ? (availability as Availability) : 'PresenceUnknown',
    );
  }
  return new Map(askedIds.map((id) => [id, byId.get(id.toLowerCase()) ?? 'PresenceUnknown']));
}
