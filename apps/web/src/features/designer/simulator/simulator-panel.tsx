import { type FlowDocument, instantAt, isValidTimezone } from '@parley/flow-schema';
import { Phone, PhoneOff, RotateCcw } from 'lucide-react';
import { memo, useEffect, useRef, useState } from 'react';
import styles from '../designer.module.css';
import { sameStructure } from '../problems/structure';
import { localInputValue } from '../schedule/schedule-check';
import { CHOICES } from './browser-telephony';
import type { Simulator } from './use-simulator';

/** Keys as a phone lays them out. */
const DIAL_PAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

const STEPS = [
  { ms: 1000, label: '+1 s' },
  { ms: 5000, label: '+5 s' },
  { ms: 30_000, label: '+30 s' },
  { ms: 300_000, label: '+5 min' },
];

const clockText = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/** A call to the current flow in the browser: dial pad, clock, network answers, and a transcript. */
export const SimulatorPanel = memo(function SimulatorPanel({
  document,
  simulator,
  onShowProblems,
}: {
  document: FlowDocument;
  simulator: Simulator;
  onShowProblems(): void;
}) {
  const { state } = simulator;
  const timezone = isValidTimezone(document.settings.timezone) ? document.settings.timezone : 'UTC';
  const [local, setLocal] = useState(() => localInputValue(new Date(), timezone));
  const [httpBody, setHttpBody] = useState('{}');
  const transcript = useRef<HTMLOListElement>(null);
  const running = state.status === 'running';

  const lineCount = state.lines.length;
  useEffect(() => {
    if (lineCount > 0) transcript.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [lineCount]);

  const start = () => {
    let at: Date;
    try {
      at = instantAt(local, timezone);
    } catch {
      at = new Date();
    }
    simulator.start(document, at);
  };
  const now = state.startedAt ? new Date(state.startedAt.getTime() + state.elapsedMs) : null;

  return (
    <div className={styles.simulator}>
      <div className={styles.simControls}>
        <div className={styles.simRow}>
          <label htmlFor="sim-start-at">Call time</label>
          <input
            id="sim-start-at"
            type="datetime-local"
            value={local}
            onChange={(e) => setLocal(e.target.value)}
            aria-describedby="sim-start-tz"
          />
          <span id="sim-start-tz" className={styles.muted}>
            {timezone}
          </span>
        </div>
        <div className={styles.simRow}>
          <button type="button" className={styles.primaryButton} onClick={start}>
            {running ? <RotateCcw size={14} aria-hidden="true" /> : <Phone size={14} aria-hidden="true" />}{' '}
            {running ? 'Restart call' : 'Start call'}
          </button>
          <button type="button" onClick={simulator.hangUp} disabled={!running}>
            <PhoneOff size={14} aria-hidden="true" /> Hang up
          </button>
          {state.status !== 'idle' && (
            <button type="button" onClick={simulator.reset}>
              Clear
            </button>
          )}
        </div>
        <p className={styles.simStatus} role="status" data-testid="sim-status">
          {state.blocked > 0 ? (
            <>
              Fix {state.blocked} problem(s) before simulating.{' '}
              <button type="button" className={styles.linkButton} onClick={onShowProblems}>
                Show problems
              </button>
            </>
          ) : state.status === 'idle' ? (
            'Start a call to hear the flow as a caller would.'
          ) : (
            <>
              {running ? `In ${state.currentNodeId ?? '…'}` : 'Ended'} · {clockText(state.elapsedMs)} into the
              call
              {now ? ` · ${localInputValue(now, timezone).replace('T', ' ')}` : ''}
            </>
          )}
        </p>
        {running && state.document && !sameStructure(state.document, document) && (
          <p className={styles.fieldHelp}>
            The flow changed since this call started: restart to run the new version.
          </p>
        )}
        <fieldset className={styles.simClock} disabled={!running}>
          <legend>Move the clock</legend>
          {STEPS.map((s) => (
            <button key={s.ms} type="button" onClick={() => simulator.advance(s.ms)}>
              {s.label}
            </button>
          ))}
        </fieldset>
        {state.pending && (
          <fieldset className={styles.simPending}>
            <legend>
              Waiting for the network: {state.pending.kind} <code>{state.pending.detail}</code>
            </legend>
            {state.pending.kind === 'http' && (
              <>
                <label htmlFor="sim-http-body" className={styles.fieldLabel}>
                  JSON of a 200 answer
                </label>
                <textarea
                  id="sim-http-body"
                  rows={2}
                  value={httpBody}
                  onChange={(e) => {
                    setHttpBody(e.target.value);
                    simulator.setHttpBody(e.target.value);
                  }}
                />
              </>
            )}
            {CHOICES[state.pending.kind].map((c) => (
              <button key={c.id} type="button" onClick={() => simulator.choose(c.id)}>
                {c.label}
              </button>
            ))}
          </fieldset>
        )}
      </div>
      <fieldset className={styles.dialPad} disabled={!running}>
        <legend>Dial pad</legend>
        {DIAL_PAD.map((k) => (
          <button key={k} type="button" onClick={() => simulator.dtmf(k)} aria-label={`Press ${k}`}>
            {k}
          </button>
        ))}
      </fieldset>
      <ol className={styles.transcript} ref={transcript} aria-label="Call transcript" aria-live="polite">
        {state.lines.map((l) => (
          <li key={l.id} className={styles[`line_${l.kind}`]}>
            <span className={styles.lineTime}>{clockText(l.atMs)}</span> {l.text}
          </li>
        ))}
      </ol>
    </div>
  );
});
