import 'server-only';
import { type Db, ForbiddenError, getCallRecording, requireRole } from '@parley/db';
import { z } from 'zod';
import { can } from './trpc';

const query = z.object({ tenantId: z.uuid() });

const notFound = () =>
  Response.json({ error: 'not-found', message: 'there is no such recording' }, { status: 404 });

/**
 * The answer to `GET /api/recordings/{recordingId}/audio?tenantId=…`: the recording's audio for a
 * member who may read the tenant's calls (analyst or higher), 404 for everyone else, as if it did not
 * exist. Honors a single byte range, so players can seek.
 */
export async function recordingAudio(
  db: Db,
  userId: string | null,
  request: Request,
  recordingId: string,
): Promise<Response> {
  if (!userId) return Response.json({ error: 'unauthorized', message: 'sign in first' }, { status: 401 });
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success || !z.uuid().safeParse(recordingId).success)
    return Response.json(
      { error: 'bad-request', message: 'tenantId and the recording id are uuids' },
      { status: 400 },
    );
  const { tenantId } = parsed.data;
  try {
    await requireRole(db, userId, tenantId, [...can.read]);
  } catch (error) {
    if (error instanceof ForbiddenError) return notFound();
    throw error;
  }
  const recording = await getCallRecording(db, tenantId, recordingId);
  if (!recording) return notFound();

  const { bytes } = recording;
  const headers = {
    'content-type': recording.contentType,
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=300',
    'content-disposition': `inline; filename="voicemail-${recording.createdAt.toISOString().slice(0, 19).replace(/:/g, '')}.wav"`,
  };
  const range = byteRange(request.headers.get('range'), bytes.byteLength);
  if (range === 'unsatisfiable')
    return new Response(null, {
      status: 416,
      headers: { ...headers, 'content-range': `bytes */${bytes.byteLength}` },
    });
  if (range === null)
    return new Response(Buffer.from(bytes), {
      headers: { ...headers, 'content-length': String(bytes.byteLength) },
    });
  const [start, end] = range;
  return new Response(Buffer.from(bytes.subarray(start, end + 1)), {
    status: 206,
    headers: {
      ...headers,
      'content-length': String(end - start + 1),
      'content-range': `bytes ${start}-${end}/${bytes.byteLength}`,
    },
  });
}

/**
 * The inclusive byte range a `Range: bytes=…` header asks for; null for the whole file (no header,
 * several ranges, another unit), `unsatisfiable` when it starts past the end.
 */
function byteRange(header: string | null, size: number): [number, number] | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    // A suffix: the last n bytes.
    const n = Number(match[2]);
    if (n === 0) return 'unsatisfiable';
    return [Math.max(0, size - n), size - 1];
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return [start, end];
}
