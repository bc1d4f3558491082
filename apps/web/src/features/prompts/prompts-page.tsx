'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Play, Square, Upload, Volume2 } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import type { RouterOutputs } from '../../trpc/types';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { formatBytes } from '../shell/format';
import { Loading } from '../shell/spinner';
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
    <div className={ui.page}>
      <div className={ui.pageHead}>
        <h1>Prompts</h1>
        <p className="muted">
          Recorded audio that flows play by reference. Spoken text lives in the flows themselves.
        </p>
      </div>
      {/* biome-ignore lint/a11y/useMediaCaption: prompts are the spoken words themselves; their text is the name */}
      <audio ref={player} onEnded={() => setPlaying(null)} onPause={() => setPlaying(null)} hidden />
      {prompts.error ? (
        <ErrorNotice
          error={prompts.error}
          title="Could not load the prompts"
          onRetry={() => void prompts.refetch()}
        />
      ) : null}
      <section className={ui.card} aria-labelledby="prompts-heading">
        <div className={ui.cardHead}>
          <h2 id="prompts-heading">Recorded prompts</h2>
        </div>
        {prompts.isPending ? (
          <Loading what="prompts" />
        ) : prompts.data?.length === 0 ? (
          <p className="empty">No recorded prompts yet. Upload a WAV file below.</p>
        ) : prompts.data ? (
          <div className={ui.tableWrap}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Prompt</th>
                  <th scope="col">Language</th>
                  <th scope="col">Type</th>
                  <th scope="col">Size</th>
                  <th scope="col">Length</th>
                  <th scope="col">Added</th>
                  <th scope="col">
                    <span className="visually-hidden">Listen</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {prompts.data.map((p) => {
                  return (
                    <tr key={p.id}>
                      <td className="flow-name">{p.name}</td>
                      <td>{p.language}</td>
                      <td className={ui.mono}>{p.contentType}</td>
                      <td className="num">{formatBytes(p.sizeBytes)}</td>
                      <td className="num">
                        {p.durationMs === null ? '—' : `${(p.durationMs / 1000).toFixed(1)} s`}
                      </td>
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
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <UploadForm onUploaded={() => setUploadedCount((n) => n + 1)} />
      <TextToSpeech />
    </div>
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

  return (
    <section className={ui.card} aria-labelledby="upload-heading">
      <div className={ui.cardHead}>
        <h2 id="upload-heading">Upload a recording</h2>
      </div>
      <form className={`${ui.cardBody} ${ui.form}`} onSubmit={(e) => void submit(e)}>
        <fieldset
          className={ui.fieldset}
          disabled={!canDesign || busy}
          title={canDesign ? undefined : roleHint('design')}
          style={{ border: 'none', padding: 0 }}
        >
          <div className={ui.formRow}>
            <div className={ui.field}>
              <label htmlFor="prompt-name">Name</label>
              <input
                id="prompt-name"
                className={ui.input}
                value={name}
                onChange={(e) => setName(e.target.value)}
                required
                maxLength={200}
                placeholder="Welcome"
                aria-invalid={errors.get('name') ? true : undefined}
              />
              {errors.get('name') ? <span className={ui.fieldError}>{errors.get('name')}</span> : null}
            </div>
            <div className={ui.field}>
              <label htmlFor="prompt-language">Language</label>
              <input
                id="prompt-language"
                className={ui.input}
                value={language}
                onChange={(e) => setLanguage(e.target.value)}
                required
                size={8}
                placeholder="en-GB"
                aria-invalid={errors.get('language') ? true : undefined}
              />
              <span className={errors.get('language') ? ui.fieldError : ui.fieldHelp}>
                {errors.get('language') ?? 'A tag like en-GB'}
              </span>
            </div>
            <div className={ui.field}>
              <label htmlFor="prompt-file">WAV file (up to 5 MB)</label>
              <input
                id="prompt-file"
                ref={fileInput}
                type="file"
                accept="audio/wav,audio/x-wav,.wav"
                className={ui.input}
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setFileError(null);
                }}
                aria-invalid={
                  fileError || errors.get('contentType') || errors.get('audioBase64') ? true : undefined
                }
              />
              {errors.get('contentType') || errors.get('audioBase64') ? (
                <span className={ui.fieldError}>
                  {errors.get('contentType') ?? errors.get('audioBase64')}
                </span>
              ) : file ? (
                <span className={ui.fieldHelp}>
                  {file.name} · {formatBytes(file.size)}
                </span>
              ) : null}
            </div>
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
        {upload.error ? (
          <ErrorNotice
            error={upload.error}
            title="The prompt was not uploaded"
            listProblems={errors.size === 0}
          />
        ) : null}
      </form>
    </section>
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
    <section className={ui.card} aria-labelledby="tts-heading">
      <div className={ui.cardHead}>
        <h2 id="tts-heading">Text to speech</h2>
      </div>
      <div className={`${ui.cardBody} ${ui.form}`}>
        <p className={ui.fieldHelp} style={{ margin: 0 }}>
          Spoken prompts are written in the flow (a Say or Menu node&apos;s text) rather than stored here. Try
          the words with your browser&apos;s voice; the phone system&apos;s voice will differ.
        </p>
        <div className={ui.field}>
          <label htmlFor="tts-text">Text</label>
          <textarea
            id="tts-text"
            className={ui.input}
            rows={3}
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className={ui.formRow}>
          <div className={ui.field}>
            <label htmlFor="tts-language">Language</label>
            <input
              id="tts-language"
              className={ui.input}
              size={8}
              value={language}
              onChange={(e) => setLanguage(e.target.value)}
            />
          </div>
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
    </section>
  );
}
