import { Plus, Trash2 } from 'lucide-react';
import { memo, type ReactNode } from 'react';
import styles from '../designer.module.css';
import { type DesignerReferences, referenceOptions } from '../references';
import { type FieldDescriptor, initialValue, variantOf, variantValue } from './field-descriptors';
import { labelFor } from './field-labels';
import { type FieldPath, getIn, pathKey } from './value-path';

/** What every field of a generated form needs besides its own value. */
export interface FormContext {
  /** Prefix of element ids, unique per form. */
  idPrefix: string;
  /** Validator messages by field path (`options.2.key`). */
  errors: ReadonlyMap<string, string[]>;
  references: DesignerReferences;
  variables: readonly string[];
  readOnly: boolean;
  onChange(path: FieldPath, value: unknown): void;
}

/** The element id of a field, also what a problem click focuses. */
export const fieldId = (prefix: string, path: FieldPath) =>
  `${prefix}-${pathKey(path).replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** A form generated from field descriptors over a value (a node's data). */
export const SchemaForm = memo(function SchemaForm({
  fields,
  value,
  ctx,
}: {
  fields: FieldDescriptor[];
  value: unknown;
  ctx: FormContext;
}) {
  return (
    <div className={styles.form}>
      {fields.map((f) => (
        <SchemaField key={f.key} field={f} path={[f.key]} value={getIn(value, [f.key])} ctx={ctx} />
      ))}
    </div>
  );
});

function Messages({ id, help, errors }: { id: string; help?: string; errors?: string[] }) {
  return (
    <>
      {errors?.map((m) => (
        <p key={m} id={`${id}-error`} className={styles.fieldError}>
          {m}
        </p>
      ))}
      {help && (
        <p id={`${id}-help`} className={styles.fieldHelp}>
          {help}
        </p>
      )}
    </>
  );
}

function describedBy(id: string, help?: string, errors?: string[]) {
  const ids = [errors?.length ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Group({
  legend,
  id,
  path,
  help,
  errors,
  actions,
  children,
}: {
  legend: string;
  id: string;
  path: FieldPath;
  help?: string;
  errors?: string[];
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <fieldset className={styles.group} id={id} data-field={pathKey(path)} tabIndex={-1}>
      <legend className={styles.groupLegend}>
        {legend}
        {actions}
      </legend>
      <Messages id={id} help={help} errors={errors} />
      {children}
    </fieldset>
  );
}

/** One generated field: a control for scalars, a group for objects, lists and unions. */
export function SchemaField({
  field,
  path,
  value,
  ctx,
  label = field.label,
  onRemove,
}: {
  field: FieldDescriptor;
  path: FieldPath;
  value: unknown;
  ctx: FormContext;
  label?: string;
  onRemove?: () => void;
}) {
  const id = fieldId(ctx.idPrefix, path);
  const errors = ctx.errors.get(pathKey(path));
  const common = {
    id,
    'data-field': pathKey(path),
    disabled: ctx.readOnly,
    'aria-invalid': errors ? true : undefined,
    'aria-describedby': describedBy(id, field.help, errors),
  } as const;
  const set = (next: unknown) => ctx.onChange(path, next);
  const removeButton = onRemove && !ctx.readOnly && (
    <button type="button" className={styles.iconButton} onClick={onRemove} aria-label={`Remove ${label}`}>
      <Trash2 size={13} aria-hidden="true" />
    </button>
  );
  const optionalAbsent = !field.required && value === undefined && field.default === undefined;

  if ((field.kind === 'object' || field.kind === 'union') && optionalAbsent) {
    return (
      <div className={styles.field}>
        <button
          type="button"
          id={id}
          data-field={pathKey(path)}
          className={styles.addButton}
          disabled={ctx.readOnly}
          onClick={() => set(initialValue(field))}
        >
          <Plus size={13} aria-hidden="true" /> Add {label.toLowerCase()}
        </button>
        <Messages id={id} help={field.help} errors={errors} />
      </div>
    );
  }
  const clearButton = !field.required && field.default === undefined && !ctx.readOnly && (
    <button
      type="button"
      className={styles.iconButton}
      onClick={() => set(undefined)}
      aria-label={`Remove ${label}`}
    >
      <Trash2 size={13} aria-hidden="true" />
    </button>
  );

  switch (field.kind) {
    case 'object':
      return (
        <Group
          legend={label}
          id={id}
          path={path}
          help={field.help}
          errors={errors}
          actions={removeButton || clearButton}
        >
          {field.fields.map((f) => (
            <SchemaField
              key={f.key}
              field={f}
              path={[...path, f.key]}
              value={getIn(value, [f.key])}
              ctx={ctx}
            />
          ))}
        </Group>
      );
    case 'union': {
      const variant = variantOf(field, value);
      return (
        <Group
          legend={label}
          id={`${id}-group`}
          path={path}
          help={field.help}
          errors={errors}
          actions={removeButton || clearButton}
        >
          <div className={styles.field}>
            <label htmlFor={id} className={styles.fieldLabel}>
              Kind
            </label>
            <select
              {...common}
              value={variant?.value ?? ''}
              onChange={(e) => {
                const next = field.variants.find((v) => v.value === e.target.value);
                if (next) set(variantValue(field, next));
              }}
            >
              {!variant && <option value="">Choose…</option>}
              {field.variants.map((v) => (
                <option key={v.value} value={v.value}>
                  {v.label}
                </option>
              ))}
            </select>
          </div>
          {variant?.fields.map((f) => (
            <SchemaField
              key={f.key}
              field={f}
              path={[...path, f.key]}
              value={getIn(value, [f.key])}
              ctx={ctx}
            />
          ))}
        </Group>
      );
    }
    case 'array': {
      const items = Array.isArray(value) ? value : [];
      const itemLabel = field.item.label;
      return (
        <Group legend={label} id={id} path={path} help={field.help} errors={errors} actions={removeButton}>
          {items.length === 0 && <p className={styles.fieldHelp}>None yet.</p>}
          {items.map((item, i) => (
            <SchemaField
              // Items have no ids of their own; position is their identity in the document too.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={i}
              field={field.item}
              path={[...path, i]}
              value={item}
              ctx={ctx}
              label={`${itemLabel} ${i + 1}`}
              onRemove={
                items.length > field.minItems ? () => set(items.filter((_, j) => j !== i)) : undefined
              }
            />
          ))}
          {!ctx.readOnly && (field.maxItems === undefined || items.length < field.maxItems) && (
            <button
              type="button"
              className={styles.addButton}
              onClick={() => set([...items, initialValue(field.item)])}
            >
              <Plus size={13} aria-hidden="true" /> Add {itemLabel.toLowerCase()}
            </button>
          )}
        </Group>
      );
    }
    case 'record':
      return (
        <Group legend={label} id={id} path={path} help={field.help} errors={errors} actions={removeButton}>
          {field.keys.map((k) => (
            <SchemaField
              key={k}
              field={field.value}
              path={[...path, k]}
              value={getIn(value, [k])}
              ctx={ctx}
              label={labelFor(k)}
            />
          ))}
        </Group>
      );
    default:
      return (
        <div className={field.kind === 'boolean' ? styles.fieldInline : styles.field}>
          {field.kind !== 'boolean' && (
            <label htmlFor={id} className={styles.fieldLabel}>
              {label}
              {field.required && <span aria-hidden="true"> *</span>}
            </label>
          )}
          <div className={styles.fieldControl}>
            <ScalarControl field={field} value={value} common={common} set={set} ctx={ctx} />
            {field.kind === 'boolean' && (
              <label htmlFor={id} className={styles.fieldLabel}>
                {label}
              </label>
            )}
            {removeButton}
          </div>
          <Messages id={id} help={field.help} errors={errors} />
        </div>
      );
  }
}

type Common = {
  id: string;
  'data-field': string;
  disabled: boolean;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

function ScalarControl({
  field,
  value,
  common,
  set,
  ctx,
}: {
  field: FieldDescriptor;
  value: unknown;
  common: Common;
  set: (v: unknown) => void;
  ctx: FormContext;
}) {
  const text = (v: string) => set(v === '' && !field.required && field.default === undefined ? undefined : v);
  switch (field.kind) {
    case 'text':
      return field.multiline ? (
        <textarea
          {...common}
          rows={3}
          value={typeof value === 'string' ? value : ''}
          maxLength={field.maxLength}
          onChange={(e) => text(e.target.value)}
        />
      ) : (
        <input
          {...common}
          type="text"
          value={typeof value === 'string' ? value : ''}
          maxLength={field.maxLength}
          onChange={(e) => text(e.target.value)}
        />
      );
    case 'number':
      return (
        <input
          {...common}
          type="number"
          value={typeof value === 'number' ? value : ''}
          min={field.min}
          max={field.max}
          step={field.integer ? 1 : 'any'}
          placeholder={field.default !== undefined ? String(field.default) : undefined}
          onChange={(e) => set(Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
        />
      );
    case 'boolean':
      return (
        <input
          {...common}
          type="checkbox"
          checked={typeof value === 'boolean' ? value : field.default === true}
          onChange={(e) => set(e.target.checked)}
        />
      );
    case 'enum': {
      const current = value === undefined ? field.default : value;
      return (
        <select
          {...common}
          value={current === null ? '' : String(current ?? '')}
          onChange={(e) => set(e.target.value === '' ? null : e.target.value)}
        >
          {current === undefined && <option value="">Choose…</option>}
          {field.options.map((o) => (
            <option key={String(o.value)} value={o.value ?? ''}>
              {o.label}
            </option>
          ))}
        </select>
      );
    }
    case 'reference': {
      const options =
        field.ref === 'variable'
          ? ctx.variables.map((v) => ({ id: v, name: v }))
          : referenceOptions(ctx.references, field.ref);
      const current = typeof value === 'string' ? value : '';
      const known = options.some((o) => o.id === current);
      return (
        <select {...common} value={current} onChange={(e) => set(e.target.value)}>
          <option value="">
            {options.length === 0
              ? `No ${field.ref === 'variable' ? 'variables' : `${field.ref}s`} yet`
              : 'Choose…'}
          </option>
          {current && !known && <option value={current}>{current} (not found)</option>}
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      );
    }
    default:
      return (
        <input
          {...common}
          type="text"
          value={value === undefined || value === null ? '' : String(value)}
          onChange={(e) => set(e.target.value)}
        />
      );
  }
}
