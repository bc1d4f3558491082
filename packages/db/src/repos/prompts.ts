import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { NotFoundError } from '../errors';
import { checkId, checkIds, parseInput, uniquely } from '../input';
import { prompts } from '../schema';

/** A prompt's metadata; the audio itself comes from getPromptAudio. */
export type Prompt = Omit<typeof prompts.$inferSelect, 'bytes'>;

// Audio either inline (small files, the embedded demo) or in object storage, never both.
const promptInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'use a language tag like en-GB'),
    contentType: z.string().regex(/^audio\/[\w.+-]+$/, 'use an audio content type like audio/wav'),
    bytes: z.instanceof(Uint8Array).optional(),
    storageKey: z.string().min(1).optional(),
    /** Size when the audio lives in storage; taken from `bytes` otherwise. */
    sizeBytes: z.number().int().nonnegative().optional(),
    durationMs: z.number().int().nonnegative().optional(),
  })
  .refine((p) => (p.bytes === undefined) !== (p.storageKey === undefined), 'give either bytes or storageKey');

const metadata = {
  id: prompts.id,
  tenantId: prompts.tenantId,
  name: prompts.name,
  language: prompts.language,
  contentType: prompts.contentType,
  storageKey: prompts.storageKey,
  sizeBytes: prompts.sizeBytes,
  durationMs: prompts.durationMs,
  createdAt: prompts.createdAt,
};

/** Stores an uploaded prompt; ConflictError when the tenant has one of that name and language. */
export async function createPrompt(
  db: Db,
  tenantId: string,
  input: z.input<typeof promptInput>,
): Promise<Prompt> {
  checkId('tenant', tenantId);
  const p = parseInput(promptInput, input);
  const [prompt] = await uniquely(
    db
      .insert(prompts)
      .values({
        tenantId,
        name: p.name,
        language: p.language,
        contentType: p.contentType,
        bytes: p.bytes ?? null,
        storageKey: p.storageKey ?? null,
        sizeBytes: p.bytes?.byteLength ?? p.sizeBytes ?? 0,
        durationMs: p.durationMs ?? null,
      })
      .returning(metadata),
    `a prompt named "${p.name}" (${p.language}) exists`,
  );
  return prompt!;
}

/** The tenant's prompts by name, without audio. */
export async function listPrompts(db: Db, tenantId: string): Promise<Prompt[]> {
  checkId('tenant', tenantId);
  return db.select(metadata).from(prompts).where(eq(prompts.tenantId, tenantId)).orderBy(asc(prompts.name));
}

/** One prompt's metadata. */
export async function getPrompt(db: Db, tenantId: string, promptId: string): Promise<Prompt> {
  checkIds(tenantId, 'prompt', promptId);
  const [prompt] = await db
    .select(metadata)
    .from(prompts)
    .where(and(eq(prompts.tenantId, tenantId), eq(prompts.id, promptId)));
  if (!prompt) throw new NotFoundError('prompt', promptId);
  return prompt;
}

/** A prompt's audio: the bytes when stored inline, else the storage key to fetch them from. */
export async function getPromptAudio(
  db: Db,
  tenantId: string,
  promptId: string,
): Promise<{ contentType: string } & ({ bytes: Uint8Array } | { storageKey: string })> {
  checkIds(tenantId, 'prompt', promptId);
  const [row] = await db
    .select({ contentType: prompts.contentType, bytes: prompts.bytes, storageKey: prompts.storageKey })
    .from(prompts)
    .where(and(eq(prompts.tenantId, tenantId), eq(prompts.id, promptId)));
  if (!row) throw new NotFoundError('prompt', promptId);
  return row.bytes
    ? { contentType: row.contentType, bytes: row.bytes }
    : { contentType: row.contentType, storageKey: row.storageKey! };
}
