'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Play, Square, Upload, Volume2 } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { Card } from '../shell/card';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { FormField, TextField } from '../shell/form-field';
import { formatBytes } from '../shell/format';
import { Page } from '../shell/page';
import { LoadError, QueryTable } from '../shell/query-states';
import { allows, roleHint, useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import { When } from '../shell/when';
import { audioDurationMs, readBase64, sessionAudio } from './audio-file';

type Prompt = RouterOutputs['prompts']['list'][number];

const MAX_AUDIO_BYTES = 5 * 1024 * 1024;
const defaultLanguage = () => (typeof navigator === 'undefined' ? 'en-US' : navigator.language || 'en-US');

/** Recorded prompts (uploaded WAV) and a text-to-speech tryout. */
export function PromptsPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const prompts = useQuery(trpc.prompts.list.queryOptions({ tenantId: tenant.id }));
  const player = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState<string | null>(null);
  const [, setUploadedCount] = useState(0);

  const listen = (prompt: Prompt) => {
    const audio = player.current;
    const url =
      sessionAudio.get(prompt.id) ??
      `/api/prompts/${prompt.id}/audio?tenantId=${encodeURIComponent(tenant.id)}`;
    if (!audio) return;
    if (playing === prompt.id) {
      audio.pause();
      setPlaying(null);
      return;
    }
    audio.src = url;
    void audio.play().then(
      () => setPlaying(prompt.id),
      () => setPlaying(null),
    );
  };

  return (
    <Page
      title="Prompts"
      lead="Recorded audio that flows play by reference. Spoken text lives in the flows themselves."
    >
      {/* biome-ignore lint/a11y/useMediaCaption: prompts are the spoken words themselves; their text is the name */}
      <audio ref={player} onEnded={() => setPlaying(null)} onPause={() => setPlaying(null)} hidden />
      <LoadError query={prompts} title="Could not load the prompts" />
      <Card title="Recorded prompts" headingId="prompts-heading">
        <QueryTable
          query={prompts}
          what="prompts"
          empty="No recorded prompts yet. Upload a WAV file below."
          columns={['Prompt', 'Language', 'Type', 'Size', 'Length', 'Added', { hidden: 'Listen' }]}
        >
          {(p) => (
            <tr key={p.id}>
              <td className="flow-name">{p.name}</td>
              <td>{p.language}</td>
              <td className={ui.mono}>{p.contentType}</td>
              <td className="num">{formatBytes(p.sizeBytes)}</td>
              <td className="num">{p.durationMs === null ? '—' : `${(p.durationMs / 1000).toFixed(1)} s`}</td>
              <td>
                <When at={p.createdAt} />
              </td>
              <td>
                <button
                  type="button"
                  className={`${ui.button} ${ui.small}`}
                  onClick={() => listen(p)}
                  aria-pressed={playing === p.id}
                >
                  {playing === p.id ? (
                    <Square size={12} aria-hidden="true" />
                  ) : (
                    <Play size={12} aria-hidden="true" />
                  )}
                  {playing === p.id ? 'Stop' : 'Listen'}
                  <span className="visually-hidden"> to {p.name}</span>
                </button>
              </td>
            </tr>
          )}
        </QueryTable>
      </Card>
      <UploadForm onUploaded={() => setUploadedCount((n) => n + 1)} />
      <TextToSpeech />
    </Page>
  );
}

function UploadForm({ onUploaded }: { onUploaded(): void }) {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [language, setLanguage] = useState(defaultLanguage);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const upload = useMutation(trpc.prompts.create.mutationOptions());
  const errors = fieldErrors(upload.error);
  const canDesign = allows(tenant, 'design');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError('Choose a WAV file to upload.');
      return;
    }
    if (file.size > MAX_AUDIO_BYTES) {
      setFileError(
        `${file.name} is ${formatBytes(file.size)}; prompts can be up to 5 MB. Shorten it or lower its sample rate.`,
      );
      return;
    }
    setFileError(null);
    setReading(true);
    const url = URL.createObjectURL(file);
    let stage: 'reading' | 'uploading' = 'reading';
    try {
      const [audioBase64, durationMs] = await Promise.all([readBase64(file), audioDurationMs(url)]);
      setReading(false);
      stage = 'uploading';
      const prompt = await upload.mutateAsync({
        tenantId: tenant.id,
        name,
        language,
        contentType: file.type || 'audio/wav',
        audioBase64,
        ...(durationMs === null ? {} : { durationMs }),
      });
      sessionAudio.set(prompt.id, url);
      setName('');
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onUploaded();
      void queryClient.invalidateQueries(trpc.prompts.list.queryFilter());
    } catch (error) {
      URL.revokeObjectURL(url);
      setReading(false);
      // An upload's failure shows as the mutation's error; a file that cannot be read shows here.
      if (stage === 'reading')
        setFileError(`${file.name} could not be read (${(error as Error).message}). Choose the file again.`);
    }
  };
  const busy = reading || upload.isPending;

  const fileProblem = errors.get('contentType') ?? errors.get('audioBase64');

  return (
    <Card title="Upload a recording" headingId="upload-heading">
      <form className={`${ui.cardBody} ${ui.form}`} onSubmit={(e) => void submit(e)}>
        <fieldset
          className={ui.fieldset}
          disabled={!canDesign || busy}
          title={canDesign ? undefined : roleHint('design')}
          style={{ border: 'none', padding: 0 }}
        >
          <div className={ui.formRow}>
            <TextField
              id="prompt-name"
              label="Name"
              error={errors.get('name')}
              value={name}
              onChange={setName}
              required
              maxLength={200}
              placeholder="Welcome"
            />
            <TextField
              id="prompt-language"
              label="Language"
              error={errors.get('language')}
              help="A tag like en-GB"
              value={language}
              onChange={setLanguage}
              required
              size={8}
              placeholder="en-GB"
            />
            <FormField
              id="prompt-file"
              label="WAV file (up to 5 MB)"
              error={fileProblem}
              help={file ? `${file.name} · ${formatBytes(file.size)}` : undefined}
            >
              {(control) => (
                <input
                  {...control}
                  // A file refused before upload is marked too; its reason shows under the form.
                  aria-invalid={fileError || fileProblem ? true : undefined}
                  ref={fileInput}
                  type="file"
                  accept="audio/wav,audio/x-wav,.wav"
                  className={ui.input}
                  onChange={(e) => {
                    setFile(e.target.files?.[0] ?? null);
                    setFileError(null);
                  }}
                />
              )}
            </FormField>
          </div>
          <div className={ui.toolbar} style={{ marginTop: 10 }}>
            <button type="submit" className={ui.primary} disabled={busy} aria-busy={busy}>
              <Upload size={14} aria-hidden="true" />
              {reading ? 'Reading the file…' : upload.isPending ? 'Uploading…' : 'Upload'}
            </button>
            {upload.isSuccess ? (
              <span role="status" className="muted">
                Uploaded {upload.data.name}.
              </span>
            ) : null}
          </div>
        </fieldset>
        {fileError ? (
          <p className={ui.notice} role="alert">
            {fileError}
          </p>
        ) : null}
        <ErrorNotice
          error={upload.error}
          title="The prompt was not uploaded"
          listProblems={errors.size === 0}
        />
      </form>
    </Card>
  );
}

function TextToSpeech() {
  const [text, setText] = useState('Thank you for calling. For billing, press 1. For support, press 2.');
  const [language, setLanguage] = useState(defaultLanguage);
  const [speaking, setSpeaking] = useState(false);
  const [supported, setSupported] = useState(true);
  useEffect(() => {
    setSupported(typeof window !== 'undefined' && 'speechSynthesis' in window);
    return () => {
      if ('speechSynthesis' in window) window.speechSynthesis.cancel();
    };
  }, []);
  const speak = () => {
    const synth = window.speechSynthesis;
    if (speaking) {
      synth.cancel();
      setSpeaking(false);
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = language;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    synth.cancel();
    synth.speak(utterance);
    setSpeaking(true);
  };
  return (
    <Card title="Text to speech" headingId="tts-heading">
      <div className={`${ui.cardBody} ${ui.form}`}>
        <p className={ui.fieldHelp} style={{ margin: 0 }}>
          Spoken prompts are written in the flow (a Say or Menu node&apos;s text) rather than stored here. Try
          the words with your browser&apos;s voice; the phone system&apos;s voice will differ.
        </p>
        <FormField id="tts-text" label="Text">
          {(control) => (
            <textarea
              {...control}
              className={ui.input}
              rows={3}
              maxLength={4000}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </FormField>
        <div className={ui.formRow}>
          <TextField id="tts-language" label="Language" size={8} value={language} onChange={setLanguage} />
          <button
            type="button"
            className={ui.button}
            onClick={speak}
            disabled={!supported || !text.trim()}
            title={supported ? undefined : 'This browser has no speech synthesis.'}
            aria-pressed={speaking}
          >
            {speaking ? <Square size={14} aria-hidden="true" /> : <Volume2 size={14} aria-hidden="true" />}
            {speaking ? 'Stop' : 'Listen'}
          </button>
        </div>
      </div>
    </Card>
  );
}
