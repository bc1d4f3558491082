import { getSessionUserId } from '../../../../../server/auth';
import { getDatabase } from '../../../../../server/database';
import { recordingAudio } from '../../../../../server/recording-audio';

// Sessions and the database are per request; nothing here may run at build time.
export const dynamic = 'force-dynamic';

/**
 * `GET /api/recordings/{recordingId}/audio?tenantId=…`: a voicemail message's audio, for the player on
 * the Voicemail page. Members who may read the tenant's calls get it; others get 404.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ recordingId: string }> },
): Promise<Response> {
  const [userId, { db }, { recordingId }] = await Promise.all([getSessionUserId(), getDatabase(), params]);
  return recordingAudio(db, userId, request, recordingId);
}
