import type { FlowDocument, FlowSettings, FlowVariable, Problem } from '@parley/flow-schema';
import { Plus, Trash2 } from 'lucide-react';
import { memo, useMemo } from 'react';
import styles from '../designer.module.css';

export interface FlowEdits {
  setName(name: string): void;
  setSettings(change: Partial<FlowSettings>): void;
  setVariables(variables: FlowVariable[], mergeKey?: string): void;
}

const TYPES: FlowVariable['type'][] = ['string', 'number', 'boolean'];
const TYPE_LABELS = { string: 'Text', number: 'Number', boolean: 'Yes / no' };

function timezones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

/** A variable's default as its declared type reads it from the text box. */
function parseDefault(type: FlowVariable['type'], text: string): FlowVariable['default'] {
  if (text === '') return undefined;
  if (type === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (type === 'boolean') return text === 'true';
  return text;
}

/** Flow-wide settings and the variables editor, shown when nothing is selected. */
export const FlowSettingsPanel = memo(function FlowSettingsPanel({
  document,
  problems,
  readOnly,
  edits,
}: {
  document: FlowDocument;
  problems: readonly Problem[];
  readOnly: boolean;
  edits: FlowEdits;
}) {
  const zones = useMemo(timezones, []);
  const errorsFor = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);
  const { variables } = document;
  const setVariable = (i: number, change: Partial<FlowVariable>, key: string) =>
    edits.setVariables(
      variables.map((v, j) => (j === i ? { ...v, ...change } : v)),
      `variables.${i}.${key}`,
    );

  return (
    <div className={styles.inspectorBody}>
      <header className={styles.inspectorHeader}>
        <div>
          <h2 className={styles.inspectorTitle}>Flow settings</h2>
          <p className={styles.muted}>Select a node to edit it.</p>
        </div>
      </header>
      <div className={styles.field}>
        <label htmlFor="flow-name" className={styles.fieldLabel}>
          Name *
        </label>
        <input
          id="flow-name"
          data-field="name"
          type="text"
          value={document.name}
          maxLength={200}
          disabled={readOnly}
          onChange={(e) => edits.setName(e.target.value)}
        />
        {errorsFor('name').map((m) => (
          <p key={m} className={styles.fieldError}>
            {m}
          </p>
        ))}
      </div>
      <div className={styles.field}>
        <label htmlFor="flow-timezone" className={styles.fieldLabel}>
          Timezone
        </label>
        <input
          id="flow-timezone"
          data-field="settings.timezone"
          type="text"
          list="flow-timezones"
          value={document.settings.timezone}
          disabled={readOnly}
          aria-describedby="flow-timezone-help"
          onChange={(e) => edits.setSettings({ timezone: e.target.value })}
        />
        <datalist id="flow-timezones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <p id="flow-timezone-help" className={styles.fieldHelp}>
          Business hours are read in this timezone unless a schedule names its own.
        </p>
        {errorsFor('settings.timezone').map((m) => (
          <p key={m} className={styles.fieldError}>
            {m}
          </p>
        ))}
      </div>
      <div className={styles.field}>
        <label htmlFor="flow-language" className={styles.fieldLabel}>
          Language
        </label>
        <input
          id="flow-language"
          data-field="settings.language"
          type="text"
          value={document.settings.language}
          disabled={readOnly}
          aria-describedby="flow-language-help"
          onChange={(e) => edits.setSettings({ language: e.target.value })}
        />
        <p id="flow-language-help" className={styles.fieldHelp}>
          BCP 47 language of text-to-speech prompts, like en-US or fr-CA.
        </p>
      </div>
      <fieldset className={styles.group} data-field="variables" tabIndex={-1}>
        <legend className={styles.groupLegend}>Variables</legend>
        <p className={styles.fieldHelp}>
          Values a call keeps as it runs: digits collected, CRM answers, flags.
        </p>
        {variables.length === 0 && <p className={styles.fieldHelp}>None yet.</p>}
        {variables.map((v, i) => {
          const id = `flow-variable-${i}`;
          const errors = errorsFor(`variables.${i}.name`);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: variables are edited by position, names change as typed
            <div key={i} className={styles.variableRow}>
              <label htmlFor={`${id}-name`} className="visually-hidden">
                Variable {i + 1} name
              </label>
              <input
                id={`${id}-name`}
                data-field={`variables.${i}.name`}
                type="text"
                value={v.name}
                placeholder="name"
                disabled={readOnly}
                aria-invalid={errors.length > 0 || undefined}
                onChange={(e) => setVariable(i, { name: e.target.value }, 'name')}
              />
              <label htmlFor={`${id}-type`} className="visually-hidden">
                Variable {i + 1} type
              </label>
              <select
                id={`${id}-type`}
                value={v.type}
                disabled={readOnly}
                onChange={(e) => {
                  const type = e.target.value as FlowVariable['type'];
                  setVariable(i, { type, default: parseDefault(type, String(v.default ?? '')) }, 'type');
                }}
              >
                {TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
              <label htmlFor={`${id}-default`} className="visually-hidden">
                Variable {i + 1} default value
              </label>
              {v.type === 'boolean' ? (
                <select
                  id={`${id}-default`}
                  value={v.default === undefined ? '' : String(v.default)}
                  disabled={readOnly}
                  onChange={(e) =>
                    setVariable(i, { default: parseDefault('boolean', e.target.value) }, 'default')
                  }
                >
                  <option value="">No default</option>
                  <option value="true">Yes</option>
                  <option value="false">No</option>
                </select>
              ) : (
                <input
                  id={`${id}-default`}
                  type={v.type === 'number' ? 'number' : 'text'}
                  value={v.default === undefined ? '' : String(v.default)}
                  placeholder="default"
                  disabled={readOnly}
                  onChange={(e) =>
                    setVariable(i, { default: parseDefault(v.type, e.target.value) }, 'default')
                  }
                />
              )}
              <button
                type="button"
                className={styles.iconButton}
                disabled={readOnly}
                aria-label={`Remove variable ${v.name || i + 1}`}
                onClick={() => edits.setVariables(variables.filter((_, j) => j !== i))}
              >
                <Trash2 size={13} aria-hidden="true" />
              </button>
              {errors.map((m) => (
                <p key={m} className={styles.fieldError}>
                  {m}
                </p>
              ))}
            </div>
          );
        })}
        {!readOnly && (
          <button
            type="button"
            className={styles.addButton}
            onClick={() => {
              const taken = new Set(variables.map((v) => v.name));
              let n = variables.length + 1;
              while (taken.has(`variable${n}`)) n++;
              edits.setVariables([...variables, { name: `variable${n}`, type: 'string' }]);
            }}
          >
            <Plus size={13} aria-hidden="true" /> Add variable
          </button>
        )}
      </fieldset>
    </div>
  );
});
