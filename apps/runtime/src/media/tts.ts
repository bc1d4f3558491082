import { spawn } from 'node:child_process';
import { readWav, resample, writeWav } from './wav';

/** Graph plays only WAV, mono, 16-bit, 16 kHz (resources/mediainfo.md; graph-calling.md §12). */
export const PROMPT_SAMPLE_RATE = 16_000;

/** Text to speech failed: espeak-ng is missing, or it did not produce audio. */
export class TtsError extends Error {
  override name = 'TtsError';
}

export interface TtsRequest {
  text: string;
  /** BCP 47, e.g. en-US; espeak-ng voices are named by lower-case language tags (en-us, en-gb, de). */
  language?: string | undefined;
  /** Part of the cache key; espeak-ng speaks with its default variant whatever the value. */
  voice?: string | undefined;
}

/** Renders speech as a 16 kHz mono 16-bit WAV with espeak-ng (which speaks at 22050 Hz: resampled here). */
export async function renderSpeech(request: TtsRequest, binary = 'espeak-ng'): Promise<Buffer> {
  const voice = (request.language ?? 'en-US').toLowerCase();
  // Text goes through stdin, never the command line: it may start with '-' or hold anything a caller typed.
  const wav = await run(binary, ['--stdin', '--stdout', '-v', voice], request.text);
  const speech = readWav(wav);
  if (speech.samples.length === 0) throw new TtsError(`espeak-ng produced no audio for voice ${voice}`);
  return writeWav(resample(speech, PROMPT_SAMPLE_RATE));
}

function run(binary: string, args: string[], input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new TtsError(
          error.code === 'ENOENT'
            ? `${binary} is not installed; install the espeak-ng package (apt-get install espeak-ng)`
            : `${binary} failed to start: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new TtsError(`${binary} exited with ${code}: ${Buffer.concat(err).toString().trim()}`));
    });
    child.stdin.end(input);
  });
}
