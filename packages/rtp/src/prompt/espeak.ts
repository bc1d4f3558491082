import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PromptRenderError } from '../errors';

const run = promisify(execFile);

/** What text-to-speech is asked for: the words, a BCP 47 language, and optionally a synthesizer voice. */
export interface SpeechRequest {
  text: string;
  language: string;
  /** A voice name the synthesizer knows (espeak-ng: `en-us`, `en-gb+f3`); defaults to the language. */
  voice?: string;
}

/** Turns text into a WAV file; espeak-ng by default, a cloud TTS later. */
export type Synthesizer = (request: SpeechRequest) => Promise<Buffer>;

/** Synthesizes speech with the espeak-ng CLI (22050 Hz mono WAV) through a temporary file. */
export function espeakSynthesizer(command = 'espeak-ng'): Synthesizer {
  return async ({ text, language, voice }) => {
    const folder = await mkdtemp(join(tmpdir(), 'parley-espeak-'));
    const file = join(folder, 'prompt.wav');
    try {
      // `--` keeps a prompt that starts with '-' from being read as an option.
      await run(command, ['-w', file, '-v', voice ?? language.toLowerCase(), '--', text]);
      return await readFile(file);
    } catch (error) {
      throw new PromptRenderError(`${command} could not speak the prompt: ${(error as Error).message}`, {
        cause: error,
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };
}
