import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { MediaRef } from '../../media/prompt-store';

/** `invitationParticipantInfo`, as transfer and redirect take it (call-transfer.md, call-redirect.md). */
export interface InvitationParticipantInfo {
  '@odata.type': '#microsoft.graph.invitationParticipantInfo';
  /** `voicemail` sends the call to the target's voicemail (invitationparticipantinfo.md: default | voicemail). */
  endpointType: 'default' | 'voicemail';
  identity: {
    '@odata.type': '#microsoft.graph.identitySet';
  } & ({ user: GraphIdentity } | { phone: GraphIdentity } | { application: GraphIdentity });
}
interface GraphIdentity {
  '@odata.type': '#microsoft.graph.identity';
  id: string;
  displayName?: string;
}

const operationSchema = z.looseObject({ id: z.string(), status: z.string() });
export type OperationAccepted = z.output<typeof operationSchema>;

/**
 * The calling requests of one call, with the documented bodies (graph-calling.md §3–§10). Each resolves
 * when Graph accepted the request; results arrive as notifications.
 */
export class GraphCallRequests {
  constructor(
    private readonly client: Client,
    readonly callId: string,
  ) {}

  private get path(): string {
    return `/communications/calls/${encodeURIComponent(this.callId)}`;
  }

  /** POST /answer with service-hosted media: the mode playPrompt, recordResponse and subscribeToTone need. */
  async answer(callbackUri: string, preFetchMedia: MediaRef[]): Promise<void> {
    await this.client.api(`${this.path}/answer`).post({
      callbackUri,
      acceptedModalities: ['audio'],
      mediaConfig: {
        '@odata.type': '#microsoft.graph.serviceHostedMediaConfig',
        ...(preFetchMedia.length > 0 ? { preFetchMedia } : {}),
      },
    });
  }

  /** POST /reject; `none` when no flow takes the call, `busy` when the runtime cannot take more. */
  async reject(reason: 'none' | 'busy'): Promise<void> {
    await this.client.api(`${this.path}/reject`).post({ reason });
  }

  async playPrompt(media: MediaRef[], clientContext: string): Promise<OperationAccepted> {
    const operation = await this.client.api(`${this.path}/playPrompt`).post({
      clientContext,
      prompts: media.map((m) => ({
        '@odata.type': '#microsoft.graph.mediaPrompt',
        mediaInfo: { '@odata.type': '#microsoft.graph.mediaInfo', uri: m.uri, resourceId: m.resourceId },
      })),
    });
    return operationSchema.parse(operation);
  }

  async subscribeToTone(clientContext: string): Promise<OperationAccepted> {
    return operationSchema.parse(
      await this.client.api(`${this.path}/subscribeToTone`).post({ clientContext }),
    );
  }

  async cancelMediaProcessing(clientContext: string): Promise<OperationAccepted> {
    return operationSchema.parse(
      await this.client.api(`${this.path}/cancelMediaProcessing`).post({ clientContext }),
    );
  }

  async transfer(transferTarget: InvitationParticipantInfo, clientContext: string): Promise<void> {
    await this.client.api(`${this.path}/transfer`).post({ transferTarget, clientContext });
  }

  async redirect(targets: InvitationParticipantInfo[], callbackUri: string): Promise<void> {
    await this.client.api(`${this.path}/redirect`).post({ targets, callbackUri });
  }

  /** POST /keepAlive (no body): at least every 45 minutes, or Graph ends the call (call-keepalive.md). */
  async keepAlive(): Promise<void> {
    await this.client.api(`${this.path}/keepAlive`).post(undefined);
  }

  /** DELETE the call: hangs up Parley's leg. */
  async hangup(): Promise<void> {
    await this.client.api(this.path).delete();
  }
}

/** GET /users/{upn}?$select=id: Graph identities take object ids (needs User.Read.All). */
export async function userObjectId(client: Client, upn: string): Promise<string> {
  const user = z.object({ id: z.string() }).parse(
    await client
      .api(`/users/${encodeURIComponent(upn)}`)
      .select('id')
      .get(),
  );
  return user.id;
}

/** An identity for transfer targets. */
export function identity(
  kind: 'user' | 'phone' | 'application',
  id: string,
  endpointType: 'default' | 'voicemail' = 'default',
): InvitationParticipantInfo {
  const value: GraphIdentity = { '@odata.type': '#microsoft.graph.identity', id };
  return {
    '@odata.type': '#microsoft.graph.invitationParticipantInfo',
    endpointType,
    identity: {
      '@odata.type': '#microsoft.graph.identitySet',
      ...({ [kind]: value } as { user: GraphIdentity }),
    },
  };
}
