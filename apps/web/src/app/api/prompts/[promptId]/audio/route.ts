import { getPromptAudio, NotFoundError, rolesOf } from '@parley/db';
import { z } from 'zod';
import { getSessionUserId } from '../../../../../server/auth';
import { getDatabase } from '../../../../../server/database';

const query = z.object({ tenantId: z.uuid() });

/**
 * `GET /api/prompts/{promptId}/audio?tenantId=…`: an uploaded prompt's audio, for the Listen button.
 * Any member of the tenant may listen; others get 404, as if the prompt did not exist.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ promptId: string }> },
): Promise<Response> {
  const userId = await getSessionUserId();
  if (!userId) return Response.json({ error: 'unauthorized', message: 'sign in first' }, { status: 401 });
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const { promptId } = await params;
  if (!parsed.success || !z.uuid().safeParse(promptId).success)
    return Response.json(
      { error: 'bad-request', message: 'tenantId and the prompt id are uuids' },
      { status: 400 },
    );
  const { db } = await getDatabase();
  const { tenantId } = parsed.data;
  if ((await rolesOf(db, userId, tenantId)).length === 0)
    return Response.json({ error: 'not-found', message: 'there is no such prompt' }, { status: 404 });
  try {
    const audio = await getPromptAudio(db, tenantId, promptId);
    if (!('bytes' in audio))
      return Response.json(
        {
          error: 'not-here',
          message: `the audio is kept in storage (${audio.storageKey}), not in the database`,
        },
        { status: 404 },
      );
    return new Response(Buffer.from(audio.bytes), {
      headers: { 'content-type': audio.contentType, 'cache-control': 'private, max-age=300' },
    });
  } catch (error) {
    if (error instanceof NotFoundError)
      return Response.json({ error: 'not-found', message: 'there is no such prompt' }, { status: 404 });
    throw error;
  }
}
